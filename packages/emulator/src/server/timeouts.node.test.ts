import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type Emulator } from '../emulator.js';
import { pathStyleUrlPath, signRequestV1 } from '../auth/sign-v1.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['timeouts'], headersTimeoutMs: 1000, idleTimeoutMs: 1000 });
});
afterAll(() => emu.close());

/** Opens a raw connection; `closed` resolves when the server ends it (with whatever it answered). */
function rawConnection(): { socket: Socket; closed: Promise<string> } {
  const socket = connect(emu.port, '127.0.0.1');
  let answer = '';
  socket.on('data', (c: Buffer) => {
    answer += c.toString();
  });
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
  socket.on('error', () => undefined);
  return { socket, closed };
}

/** Resolves with what the server sent once it closed the connection, or 'still open' after `ms`. */
const closedWithin = (closed: Promise<string>, ms: number): Promise<string> =>
  Promise.race([closed, sleep(ms).then(() => 'still open')]);

describe('server timeouts', () => {
  it('cuts off a client that sends its headers very slowly', async () => {
    const { socket, closed } = rawConnection();
    socket.write('GET /timeouts/x HTTP/1.1\r\nHost: localhost\r\n');
    let dripping = true;
    void (async () => {
      for (let i = 0; dripping && i < 40 && !socket.destroyed; i++) {
        await sleep(150);
        if (!socket.destroyed) socket.write(`X-Slow-${i}: y\r\n`);
      }
    })();
    const answer = await closedWithin(closed, 4000);
    dripping = false;
    socket.destroy();
    expect(answer).not.toBe('still open');
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  /** Request line and headers of a signed PutObject of `length` bytes. */
  const signedPutHead = (key: string, length: number): string => {
    const headers = signRequestV1({
      accessKeyId: emu.accessKeyId,
      accessKeySecret: emu.accessKeySecret,
      method: 'PUT',
      bucket: 'timeouts',
      key,
      headers: { 'Content-Type': 'application/octet-stream' },
      date: new Date(emu.clock.now()),
    });
    const lines = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    return `PUT ${pathStyleUrlPath('timeouts', key)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: ${length}\r\n${lines}\r\n`;
  };

  it('cuts off a request whose body stops arriving, and stores nothing', async () => {
    const { socket, closed } = rawConnection();
    socket.write(`${signedPutHead('stalled.bin', 100)}0123456789`);
    const answer = await closedWithin(closed, 4000);
    socket.destroy();
    expect(answer).not.toBe('still open');
    const head = signRequestV1({
      accessKeyId: emu.accessKeyId,
      accessKeySecret: emu.accessKeySecret,
      method: 'HEAD',
      bucket: 'timeouts',
      key: 'stalled.bin',
      date: new Date(emu.clock.now()),
    });
    const { socket: next, closed: nextClosed } = rawConnection();
    next.write(
      `HEAD ${pathStyleUrlPath('timeouts', 'stalled.bin')} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${Object.entries(
        head,
      )
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n`,
    );
    expect(await closedWithin(nextClosed, 4000)).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('keeps a slow but steady upload alive longer than both timeouts', async () => {
    const chunks = 10;
    const { socket, closed } = rawConnection();
    socket.write(signedPutHead('steady.bin', chunks * 10));
    for (let i = 0; i < chunks; i++) {
      await sleep(300);
      socket.write('0123456789');
    }
    const answer = await closedWithin(closed, 4000);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
