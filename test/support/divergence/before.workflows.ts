import { condition, defineSignal, setHandler, sleep } from '@temporalio/workflow';

/** Lets the probe finish. */
export const goSignal = defineSignal('go');

/** The code that wrote the history: a timer first, then a wait for `go`. */
export async function divergenceProbe(): Promise<string> {
  let go = false;
  setHandler(goSignal, () => {
    go = true;
  });
  await sleep(1);
  await condition(() => go);
  return 'before';
}
