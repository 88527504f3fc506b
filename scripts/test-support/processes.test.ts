import { describe, expect, it } from 'vitest';
import { startServer, withoutAnsi } from './processes.js';

describe('startServer', () => {
  it('finds the ready line when the server colours it (as Vite does where a CI forces colour)', async () => {
    // What `vite preview` printed on a CI with FORCE_COLOR: the port in bold inside the URL.
    const script =
      "process.stdout.write('  \\u001b[32m➜\\u001b[39m  \\u001b[1mLocal\\u001b[22m:   \\u001b[36mhttp://127.0.0.1:\\u001b[1m41285\\u001b[22m/\\u001b[39m\\n'); setInterval(() => {}, 1000);";
    const server = await startServer(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      ready: /http:\/\/127\.0\.0\.1:41285\//,
      timeoutMs: 10_000,
    });
    try {
      expect(server.line).toBe('  ➜  Local:   http://127.0.0.1:41285/');
    } finally {
      await server.stop();
    }
  });

  it('asks the server for plain output', async () => {
    const script =
      'console.log(JSON.stringify({ ready: true, NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR ?? null })); setInterval(() => {}, 1000);';
    const server = await startServer(process.execPath, ['-e', script], { cwd: process.cwd(), ready: /"ready"/ });
    try {
      expect(JSON.parse(server.line)).toEqual({ ready: true, NO_COLOR: '1', FORCE_COLOR: null });
    } finally {
      await server.stop();
    }
  });
});

describe('withoutAnsi', () => {
  it('removes colour and style escapes and keeps the text', () => {
    expect(withoutAnsi('\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m done')).toBe('FAIL done');
  });
});
