// Cancellation and timeouts of one fetch: the caller's AbortSignal and a countdown feed one AbortController
// (no AbortSignal.any, which Node < 20.3 and older Workers lack). The countdown covers the request until its
// response headers (and, for small XML answers, their body); a streamed body re-arms it for every chunk the
// caller waits for, so a stalled download fails while a slow reader does not.
import { abortedError, OssCseError } from '@oss-cse/core';
import { networkError } from '../../errors/oss-errors.js';

/** One request's stop conditions. */
export interface Deadline {
  /** The signal to give fetch: fires when the caller aborts or the countdown runs out. */
  readonly signal: AbortSignal;
  /** Why the request was stopped, if it was. */
  readonly stopped: 'aborted' | 'timeout' | undefined;
  /** (Re)starts the countdown. */
  arm(): void;
  /** Pauses the countdown. */
  disarm(): void;
  /** Clears the countdown and stops listening to the caller's signal. */
  release(): void;
}

/**
 * A deadline for one request.
 *
 * @example
 * ```ts
 * const deadline = createDeadline(ctx.signal, 60_000);
 * deadline.arm();
 * const res = await fetch(url, { signal: deadline.signal });
 * ```
 */
export function createDeadline(caller: AbortSignal | undefined, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let stopped: 'aborted' | 'timeout' | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => {
    stopped ??= 'aborted';
    controller.abort(caller?.reason);
  };
  const disarm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get stopped() {
      return stopped;
    },
    arm() {
      disarm();
      if (stopped !== undefined) return;
      timer = setTimeout(() => {
        stopped ??= 'timeout';
        controller.abort(new DOMException(`no progress within ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs);
    },
    disarm,
    release() {
      disarm();
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** A low-level failure code worth naming (`ECONNREFUSED`, `UND_ERR_SOCKET`); never a message, which may hold a URL. */
function failureCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause?.code ?? (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
}

/**
 * The error of a request that got no (complete) answer: ERR_ABORTED when the caller aborted (whatever else
 * failed), an OssCseError already made as is, otherwise a retryable network error saying whether it timed out. The
 * runtime's error is not kept as `cause`: its text
 * may carry a URL or a header value.
 *
 * @example
 * ```ts
 * catch (e) { throw stoppedError(deadline, { operation, timeoutMs, caller: ctx.signal, phase: 'request' }, e); }
 * ```
 */
export function stoppedError(
  deadline: Deadline,
  at: {
    readonly operation: string;
    readonly timeoutMs: number;
    readonly caller: AbortSignal | undefined;
    readonly phase: 'request' | 'body';
  },
  e: unknown,
): OssCseError {
  if (deadline.stopped === 'aborted' || at.caller?.aborted) return abortedError(at.caller);
  if (e instanceof OssCseError) return e;
  if (deadline.stopped === 'timeout') {
    return networkError(
      at.operation,
      at.phase === 'request'
        ? `no answer within ${at.timeoutMs} ms (timeout)`
        : `the response body stalled for ${at.timeoutMs} ms (timeout)`,
    );
  }
  const code = failureCode(e);
  const what = at.phase === 'request' ? 'network error' : 'the connection failed while reading the response';
  return networkError(at.operation, code === undefined ? what : `${what} (${code})`);
}

/**
 * The response body as the caller reads it: the countdown runs only while a read waits for the network, and a
 * stop (abort, timeout) is never mistaken for the end of the body.
 *
 * @example
 * ```ts
 * const body = watchBody(res.body, deadline, (e) => stoppedError(deadline, at, e));
 * ```
 */
export function watchBody(
  source: ReadableStream<Uint8Array>,
  deadline: Deadline,
  toError: (e: unknown) => OssCseError,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  deadline.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        deadline.arm();
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (e) {
          deadline.release();
          controller.error(toError(e));
          return;
        }
        deadline.disarm();
        if (deadline.stopped !== undefined) {
          deadline.release();
          controller.error(toError(undefined));
        } else if (result.done) {
          deadline.release();
          controller.close();
        } else {
          controller.enqueue(result.value);
        }
      },
      async cancel(reason) {
        deadline.release();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
