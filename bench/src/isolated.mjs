// Runs one exported benchmark function in a fresh Node process, so that its peak RSS is its own (not that of the
// benchmarks that ran before it in run-all.mjs). The function's result is returned through stdout as JSON; a
// failed check (BenchCheckError) comes back as one, with its figure.
import { spawn } from 'node:child_process';
import { BenchCheckError } from './verify.mjs';

export function runIsolated(moduleUrl, exportName, arg) {
  const code = `
    const m = await import(${JSON.stringify(moduleUrl)});
    try {
      const r = await m[${JSON.stringify(exportName)}](${JSON.stringify(arg)});
      process.stdout.write('\\n@@result ' + JSON.stringify(r) + '\\n');
    } catch (e) {
      if (e?.name !== 'BenchCheckError') throw e;
      process.stdout.write('\\n@@check ' + JSON.stringify({ figure: e.figure, message: e.message }) + '\\n');
      process.exitCode = 1;
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.on('exit', (status) => {
      const line = (tag) => out.split('\n').find((l) => l.startsWith(tag));
      const result = line('@@result ');
      const check = line('@@check ');
      if (status === 0 && result) resolve(JSON.parse(result.slice(9)));
      else if (check) {
        const { figure, message } = JSON.parse(check.slice(8));
        reject(new BenchCheckError(figure, message.slice(figure.length + 2)));
      } else reject(new Error(`${exportName} exited with ${status}`));
    });
  });
}
