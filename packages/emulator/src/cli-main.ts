import { OssCseError } from '@oss-cse/core';
import { parseCli, USAGE } from './cli-args.js';
import { startEmulator, type Emulator } from './emulator.js';
import { emulatorEnv } from './testing.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the CLI: prints one JSON line (endpoints, credentials), then human-readable lines. Returns the running emulator.
 */
export async function runCli(argv: string[], io: CliIo): Promise<{ exitCode: number; emulator?: Emulator }> {
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (err) {
    io.stderr(`oss-cse-emulator: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  if (parsed.help) {
    io.stdout(USAGE);
    return { exitCode: 0 };
  }
  let emu: Emulator;
  try {
    emu = await startEmulator(parsed.options);
  } catch (err) {
    // Refused options (e.g. a public --host with the built-in credentials) are usage errors.
    if (!(err instanceof OssCseError && err.code === 'ERR_INVALID_ARGUMENT')) throw err;
    io.stderr(`oss-cse-emulator: ${err.message}\n`);
    return { exitCode: 2 };
  }
  const admin = parsed.options.admin ?? false;
  const info = {
    ossEndpoint: emu.ossEndpoint,
    stsEndpoint: emu.stsEndpoint,
    kmsEndpoint: emu.kmsEndpoint,
    region: emu.region,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    buckets: emu.buckets,
    dataDir: emu.dataDir ?? null,
    admin,
  };
  io.stdout(`${JSON.stringify(info)}\n`);
  const lines = [
    `oss-cse-emulator listening on port ${emu.port} (${emu.dataDir ? `data in ${emu.dataDir}` : 'in memory'})`,
    `  OSS  ${emu.ossEndpoint}  (ali-oss: endpoint '${emu.ossEndpoint}', sldEnable: true, region 'oss-${emu.region}')`,
    `  STS  ${emu.stsEndpoint}`,
    `  KMS  ${emu.kmsEndpoint}`,
    `  AccessKeyId ${emu.accessKeyId}  AccessKeySecret ${emu.accessKeySecret}`,
    `  buckets: ${emu.buckets.join(', ') || '(none)'}`,
    ...(admin ? [`  fault injection: http://127.0.0.1:${emu.port}/__emulator/faults (loopback only)`] : []),
    `  environment for tests: ${Object.keys(emulatorEnv(emu)).join(', ')}`,
    'Press Ctrl+C to stop.',
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return { exitCode: 0, emulator: emu };
}
