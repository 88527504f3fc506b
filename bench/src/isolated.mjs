// Runs one exported benchmark function in a fresh Node process, so that its peak RSS is its own (not that of the
// benchmarks that ran before it in run-all.mjs). The function's result is returned through stdout as JSON.
import { spawn } from 'node:child_process';

export function runIsolated(moduleUrl, exportName, arg) {
  const code = `
    const m = await import(${JSON.stringify(moduleUrl)});
    const r = await m[${JSON.stringify(exportName)}](${JSON.stringify(arg)});
    process.stdout.write('\\n@@result ' + JSON.stringify(r) + '\\n');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.on('exit', (status) => {
      const line = out.split('\n').find((l) => l.startsWith('@@result '));
      if (status === 0 && line) resolve(JSON.parse(line.slice(9)));
      else reject(new Error(`${exportName} exited with ${status}`));
    });
  });
}
