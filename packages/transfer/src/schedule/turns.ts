// Turns at something only `count` tasks may do at once (the sends of an upload), given in the order they were asked
// for: a task waits for a turn, and hands it on when it is done.

/**
 * A taker of turns: `take()` resolves once fewer than `count` turns are out, with the function that gives it back.
 *
 * @example
 * ```ts
 * import { turns } from '@oss-cse/transfer';
 * declare function send(): Promise<void>;
 * const sending = turns(4);
 * const done = await sending(); // at most 4 sends at a time
 * try {
 *   await send();
 * } finally {
 *   done();
 * }
 * ```
 */
export function turns(count: number): () => Promise<() => void> {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`"count" expected a positive integer, got ${String(count)}`);
  let out = 0;
  const waiting: (() => void)[] = [];
  const giveBack = () => {
    const next = waiting.shift();
    if (next) next();
    else out--;
  };
  return () =>
    new Promise((resolve) => {
      // Each turn is given back once, however often its function is called.
      const grant = () => {
        let given = false;
        resolve(() => {
          if (given) return;
          given = true;
          giveBack();
        });
      };
      if (out < count) {
        out++;
        grant();
      } else waiting.push(grant);
    });
}
