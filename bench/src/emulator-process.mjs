// Starts the emulator in a child process (so its CPU and memory are not counted in the measuring process) and
// returns its connection facts, optional STS credentials and a KMS key id, plus `stop()`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));

/**
 * @param {{ dataDir?: string, corsOrigins?: string[], sts?: boolean, kmsKey?: boolean }} options
 */
export async function startEmulatorProcess(options = {}) {
  const entry = pathToFileURL(require.resolve('@oss-cse/emulator')).href;
  const code = `
    const o = ${JSON.stringify(options)};
    const { startEmulator } = await import(${JSON.stringify(entry)});
    const e = await startEmulator({ port: 0, ...(o.dataDir ? { dataDir: o.dataDir } : {}), ...(o.corsOrigins ? { corsOrigins: o.corsOrigins } : {}) });
    const info = { ossEndpoint: e.ossEndpoint, kmsEndpoint: e.kmsEndpoint, region: e.region, accessKeyId: e.accessKeyId, accessKeySecret: e.accessKeySecret, bucket: e.buckets[0] };
    if (o.kmsKey) info.kmsKeyId = (await e.kms.createKey({ alias: 'alias/bench' })).keyId;
    if (o.sts) {
      const { Credentials: c } = await e.sts.assumeRole({ roleArn: 'acs:ram::1:role/bench', roleSessionName: 'bench', durationSeconds: 3600 });
      info.sts = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken, expiration: c.Expiration };
    }
    process.stdout.write(JSON.stringify(info) + '\\n');
    process.stdin.on('end', () => e.close().then(() => process.exit(0)));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]));
    });
    child.once('exit', (c) => reject(new Error(`emulator exited with ${c}`)));
  });
  return {
    info,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      }),
  };
}
