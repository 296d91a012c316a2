import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

/** Lets the probe finish. */
export const goSignal = defineSignal('go');

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

/** Code that cannot replay the history `before.workflows.ts` wrote: an activity where the timer was. */
export async function divergenceProbe(): Promise<string> {
  let go = false;
  setHandler(goSignal, () => {
    go = true;
  });
  await noop();
  await condition(() => go);
  return 'after';
}
