// The emulator's own throughput: plain ali-oss PutObject/GetObject of one large object (in memory and on disk),
// against a baseline of a bare node:http server in the same kind of child process that discards uploads and
// serves downloads from memory (what loopback HTTP costs without any OSS work). Each PutObject is read back and
// each GetObject's content compared with the body, untimed (verify.mjs).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorProcess } from './emulator-process.mjs';
import { plainOss } from './plain-oss.mjs';
import { median, timeIt } from './stats.mjs';
import { digestOf, expectSame, verifyStored } from './verify.mjs';

const MiB = 1024 * 1024;

async function startBareServer(size) {
  const code = `
    const http = await import('node:http');
    const body = Buffer.alloc(${size}, 7);
    const s = http.createServer((req, res) => {
      if (req.method === 'PUT') { req.on('data', () => {}); req.on('end', () => res.end()); return; }
      res.setHeader('Content-Length', String(body.length)); res.end(body);
    }).listen(0, '127.0.0.1', () => process.stdout.write(s.address().port + '\\n'));
    process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (c) => resolve(Number(String(c).trim()))));
  return {
    port,
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.stdin.end();
      }),
  };
}

function bare(port, method, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: '/x',
        agent: false,
        headers: body ? { 'Content-Length': body.length } : {},
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchEmulator({ sizeMiB = 256, runs = 3 } = {}) {
  const body = randomBytes(sizeMiB * MiB);
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-emu-'));
  const server = await startBareServer(body.length);
  const out = {};
  try {
    const baseline = { put: [], get: [] };
    for (let i = 0; i < runs; i++) {
      baseline.put.push(await timeIt(() => bare(server.port, 'PUT', body)));
      baseline.get.push(await timeIt(() => bare(server.port, 'GET')));
    }
    out.bareHttp = { putMibPerSec: sizeMiB / median(baseline.put), getMibPerSec: sizeMiB / median(baseline.get) };
    for (const [storage, options] of [
      ['memory', {}],
      ['disk', { dataDir: join(dir, 'data') }],
    ]) {
      const emulator = await startEmulatorProcess(options);
      try {
        const { info } = emulator;
        const oss = plainOss(info);
        const put = [];
        const get = [];
        const expected = await digestOf([body]);
        for (let i = 0; i < runs; i++) {
          put.push(await timeIt(() => oss.put('emu.bin', body)));
          await verifyStored({ figure: `emulator ${storage} PutObject`, oss, key: 'emu.bin', expected });
          let got;
          get.push(
            await timeIt(async () => {
              got = await oss.get('emu.bin');
            }),
          );
          expectSame(`emulator ${storage} GetObject`, 'the GetObject content', await digestOf([got.content]), expected);
        }
        const p = sizeMiB / median(put);
        const g = sizeMiB / median(get);
        out[storage] = {
          putMibPerSec: p,
          getMibPerSec: g,
          putRatio: p / out.bareHttp.putMibPerSec,
          getRatio: g / out.bareHttp.getMibPerSec,
        };
      } finally {
        await emulator.stop();
      }
    }
    return { sizeMiB, runs, ...out };
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
