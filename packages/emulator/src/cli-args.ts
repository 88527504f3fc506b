import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './emulator.js';

export const USAGE = `Usage: oss-cse-emulator [options]

Local Alibaba Cloud OSS + STS + KMS compatible server (one port).

  --port N                 TCP port (0 = any free port; default 9000)
  --host ADDR              listen address (default 127.0.0.1); other than loopback only
                           with your own --access-key-id/--access-key-secret
  --data DIR               persist state in DIR (default: in memory)
  --max-memory-bytes N     in memory: most bytes of objects and parts held (default 2 GiB);
                           beyond it uploads fail with 507 InsufficientStorage
  --access-key-id ID       long-term AccessKeyId (default printed at start)
  --access-key-secret S    long-term AccessKeySecret
  --bucket NAME            bucket created at start (repeatable; default oss-cse-dev)
  --region ID              region id (default cn-hangzhou)
  --cors-origin ORIGIN     CORS rule origin for the start-up buckets (repeatable; * allowed)
  --admin                  enable the loopback-only /__emulator fault-injection routes
  --min-sts-duration S     shortest STS DurationSeconds accepted (default 900)
  --kms-cors               let KMS answer CORS requests (real KMS does not)
  --help                   show this text
`;

export type CliParse = { help: true } | { help: false; options: EmulatorOptions };

/** Parses the command line into emulator options; throws on bad input. */
export function parseCli(argv: string[]): CliParse {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'max-memory-bytes': { type: 'string' },
      'access-key-id': { type: 'string' },
      'access-key-secret': { type: 'string' },
      bucket: { type: 'string', multiple: true },
      region: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      admin: { type: 'boolean' },
      'min-sts-duration': { type: 'string' },
      'kms-cors': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true };
  const int = (name: string, value: string | undefined, fallback?: number): number | undefined => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
    return Number(value);
  };
  const options: EmulatorOptions = { port: int('port', values.port, 9000) as number };
  if (values.host !== undefined) options.host = values.host;
  if (values.data !== undefined) options.dataDir = values.data;
  const maxMemory = int('max-memory-bytes', values['max-memory-bytes']);
  if (maxMemory !== undefined) {
    if (maxMemory === 0) throw new Error('--max-memory-bytes must be a positive integer');
    options.maxMemoryBytes = maxMemory;
  }
  if (values['access-key-id'] !== undefined) options.accessKeyId = values['access-key-id'];
  if (values['access-key-secret'] !== undefined) options.accessKeySecret = values['access-key-secret'];
  if (values.bucket !== undefined) options.buckets = values.bucket;
  if (values.region !== undefined) options.region = values.region;
  if (values['cors-origin'] !== undefined) options.corsOrigins = values['cors-origin'];
  if (values.admin) options.admin = true;
  const minSts = int('min-sts-duration', values['min-sts-duration']);
  if (minSts !== undefined) options.minStsDurationSeconds = minSts;
  if (values['kms-cors']) options.kmsCors = true;
  return { help: false, options };
}
