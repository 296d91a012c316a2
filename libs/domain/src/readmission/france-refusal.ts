/** R10: a corrected request is allowed only while R3's 14 days still run. */
export function correctedRequestAllowed(now: Date, requestDeadline: Date): boolean {
  return now.getTime() < requestDeadline.getTime();
}
