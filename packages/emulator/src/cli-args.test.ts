import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args.js';

describe('CLI arguments', () => {
  it('maps every flag to an emulator option', () => {
    const parsed = parseCli([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--data',
      '/tmp/x',
      '--access-key-id',
      'ak',
      '--access-key-secret',
      'sk',
      '--bucket',
      'b-one',
      '--bucket',
      'b-two',
      '--region',
      'cn-shanghai',
      '--cors-origin',
      'http://a.test',
      '--admin',
      '--min-sts-duration',
      '1',
      '--kms-cors',
      '--max-memory-bytes',
      '1048576',
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        port: 0,
        host: '0.0.0.0',
        dataDir: '/tmp/x',
        accessKeyId: 'ak',
        accessKeySecret: 'sk',
        buckets: ['b-one', 'b-two'],
        region: 'cn-shanghai',
        corsOrigins: ['http://a.test'],
        admin: true,
        minStsDurationSeconds: 1,
        kmsCors: true,
        maxMemoryBytes: 1048576,
      },
    });
    expect(parseCli([])).toEqual({ help: false, options: { port: 9000 } });
    expect(parseCli(['--help'])).toEqual({ help: true });
  });

  it('rejects unknown flags and bad numbers', () => {
    expect(() => parseCli(['--nope'])).toThrow();
    expect(() => parseCli(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCli(['--max-memory-bytes', '0'])).toThrow(/--max-memory-bytes/);
    expect(() => parseCli(['--max-memory-bytes', '2GiB'])).toThrow(/--max-memory-bytes/);
  });
});
