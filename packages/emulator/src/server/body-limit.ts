import type { Socket } from 'node:net';

/** Fault injection: passes `limit` body bytes through, then drops the connection. */
export async function* resetAfter(
  body: AsyncIterable<Uint8Array>,
  limit: number,
  socket: Socket | null,
): AsyncIterable<Uint8Array> {
  let seen = 0;
  for await (const chunk of body) {
    if (seen + chunk.length >= limit) {
      if (limit > seen) yield chunk.subarray(0, limit - seen);
      socket?.destroy();
      throw new Error('aborted');
    }
    seen += chunk.length;
    yield chunk;
  }
  if (seen >= limit) {
    socket?.destroy();
    throw new Error('aborted');
  }
}
