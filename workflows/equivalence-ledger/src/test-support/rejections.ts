import { WorkflowUpdateFailedError } from '@temporalio/client';

/** The error code (ApplicationFailure type) of an update the workflow refused; fails the test if it was accepted. */
export async function rejectionType(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((error as WorkflowUpdateFailedError).cause as { type?: string } | undefined)?.type;
}
