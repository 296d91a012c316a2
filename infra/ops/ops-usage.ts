/** Help of `npm run ops`: the overview and one page per verb. */

const WHO = `Who: an SRE (subject-access: an auditor). OPS_ACCESS_TOKEN (an access token from the IdP for audience
urn:oioo:casework) or, on the local stack, --as <person> (signs in at the local provider like npm run token; the
seeded SRE is sam, the seeded auditor audrey).
Every action goes to the operations log of the casework API (who, when, what, why, outcome); the command
refuses to act if it cannot write there. Common options: --as <person>, --profile dev|test (local stacks).`;

/** The overview: every verb, one line each. */
export const OVERVIEW = `Usage: npm run ops -- <verb> [options]      (npm run ops -- <verb> --help for one verb)

  stuck                       open cases past a deadline that did not move, failing workflow tasks, activities stuck
  dlq list                    dead letters per topic: counts, reasons, consumer groups
  dlq show --topic <t>        dead letters of one topic with their headers (never the personal data)
  dlq redrive --topic <t>     send a dead letter (--offset) or all matching (--all) back to the source topic
  bulk signal|cancel|terminate --query "<visibility query>" --reason "..." [--dry-run]
  replay --query "<visibility query>"   replay the selected histories against this checkout's workflow code
  audit verify [--stream <s>] re-compute the audit streams' hash chains (S2, S3); names the first broken link
  keys status                 which keys of the codec key ring are still needed, and which may be retired (S4)
  keys rewrap --reason "..."  re-wrap every case data key with the active key (after a rotation)
  subject-access <personId>   an auditor's export of everything held on one person (right of access): JSON and report

${WHO}
The runbook is docs/operations.md.`;

/** Usage of each verb. */
export const VERB_USAGE: Readonly<Record<string, string>> = {
  stuck: `Usage: npm run ops -- stuck [--grace 15m] [--activity-after 10m] [--task-attempts 3] [--limit 200]

Lists running cases that need a person from operations, each with why:
  - the next deadline (NextDeadline) passed more than --grace ago and the case did not move (the workflow
    would have moved it and set the next one): its worker is down, or it cannot make progress;
  - its workflow task failed --task-attempts times or more in a row (a bug or non-determinism: see the runbook);
  - an activity has been pending longer than --activity-after, or is retrying.
Ids are opaque (case ids, workflow ids); nothing personal is read. Read-only; logged as verb stuck.`,
  'dlq list': `Usage: npm run ops -- dlq list [--topic <source topic>]

Counts the dead letters of each consumed topic (<topic>.dlq), by consumer group, kind and reason. Read-only.`,
  'dlq show': `Usage: npm run ops -- dlq show --topic <source topic> [--offset <n>] [--limit 20]

Shows dead letters with their dlq-* headers (reason, kind, source partition and offset, consumer group,
attempts, redrive count), the message key (an opaque case or person id) and the envelope's event id, type and
time. The event's data is personal data: only its field names are shown, never its values. To see a case's
data, read the case through the casework API or the console, where the read is logged (S3).`,
  'dlq redrive': `Usage: npm run ops -- dlq redrive --topic <source topic> (--offset <n> | --all [--group <g>] [--kind <k>] [--reason-contains <text>])
                                 --reason "<why it is safe now>" [--dry-run] [--force]

Sends dead letters back to their source topic once the cause is fixed, with the original key, value (so the
same event id: consumers drop what they already handled) and headers, plus dlq-redrive-count and
dlq-redriven-from. If it fails again it goes back to the dead-letter topic with that count; nothing is ever
re-driven automatically. A dead letter already re-driven is refused unless --force. --dry-run lists what
would be sent. Logged as dlq.redrive with every message touched.`,
  'bulk signal': `Usage: npm run ops -- bulk signal --query "<visibility query>" --signal <name> [--input '<json>'] --reason "..." [--dry-run]

Signals every workflow the query selects, as one Temporal batch operation. Run with --dry-run first: it
lists the selected workflows and changes nothing. Logged as bulk.signal with the batch job id.`,
  'bulk cancel': `Usage: npm run ops -- bulk cancel --query "<visibility query>" --reason "..." [--dry-run]

Requests cancellation of every workflow the query selects (a Temporal batch operation); each workflow
handles the cancellation as its code says. Run with --dry-run first. Logged as bulk.cancel.`,
  'bulk terminate': `Usage: npm run ops -- bulk terminate --query "<visibility query>" --reason "..." [--dry-run]

Terminates every workflow the query selects (a Temporal batch operation): no cleanup code runs. The last
resort; prefer cancel. Run with --dry-run first. Logged as bulk.terminate.`,
  replay: `Usage: npm run ops -- replay --query "<visibility query>" [--limit 100]

Downloads the histories the query selects (decrypted with TEMPORAL_CODEC_KEYS) and replays each against the
workflow code of this checkout (or WORKER_WORKFLOW_BUNDLE), reporting per workflow: the check to run before
deploying workflow changes. Exits 1 if any history does not replay. Logged as verb replay.`,
  'audit verify': `Usage: npm run ops -- audit verify [--stream consultations|operations|decisions|disclosures]

Reads each hash-chained audit stream (every stream unless --stream) in chain order and re-computes it:
consultations, operations and decisions from the casework API (CASEWORK_API_URL), disclosures (R12's log of
what was sent to France) from the legal-review service (LEGAL_REVIEW_URL). Prints OK with the count and head,
or the first broken link with why (hash-mismatch: a row was edited; gap: a row was deleted or moved;
previous-hash-mismatch: a row was rewritten with a fresh hash). Compare the head with the last one published
on audit.chain-head.published.v1. Exits 1 when a chain is broken.
Read-only; logged as verb audit.verify. See docs/data-protection.md.`,
  'keys status': `Usage: npm run ops -- keys status [--query "<visibility query>"] [--limit 10000]

Says, for each key of the codec key ring (TEMPORAL_CODEC_KEYS as the casework service holds it), whether it
is still needed: how many case data keys in the vault it wraps, and how many payloads of the histories the
server keeps (every workflow unless --query) are encrypted with it directly (those written before per-case
data keys, and the ledger's). A key that wraps no data key and encrypts no kept payload may be retired. The
scan reads payload metadata only, never decrypts. Read-only; logged as verb keys.status.`,
  'keys rewrap': `Usage: npm run ops -- keys rewrap --reason "..."

After a rotation (a new key added to TEMPORAL_CODEC_KEYS and made TEMPORAL_CODEC_ACTIVE_KEY everywhere),
re-wraps every case data key still wrapped by an older key with the active one. The data keys do not change,
so no history is rewritten; afterwards keys status shows what still needs the old key. Logged as keys.rewrap.`,
  'subject-access': `Usage: npm run ops -- subject-access <personId> [--purpose "<why>"] [--reference <ref>] [--out <dir>]

A person's data on request (right of access), for an auditor (--as audrey locally, or an auditor's
OPS_ACCESS_TOKEN). The casework API gathers everything identity, legal-review and transport hold on the person
and the decoded Temporal histories of their cases, applies the exemptions (staff, other people, security and
criminality grounds, biometric templates) and says which with why; it records the request, each case read and
the outcome in the consultation log (S3). Writes <request id>-<personId>.json (the complete export) and .md (a
readable report) to --out (default .data/subject-access, git-ignored: the files hold personal data, mode 0600)
and prints their paths, sizes and the time taken. --purpose defaults to "subject access request (right of
access)"; --reference is the request's reference in your own register. A source that does not answer within
the API's bound fails the request (nothing is written). An auditor who is also an SRE has it in the operations
log as verb subject-access. See docs/data-protection.md.`,
};

/** The help to print for a verb, or the overview. */
export function usageOf(verb: string | undefined): string {
  const page = verb ? VERB_USAGE[verb] : undefined;
  return page ? `${page}\n\n${WHO}` : OVERVIEW;
}
