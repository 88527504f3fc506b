#!/usr/bin/env node
// Runs the demo backend against real OSS from environment variables (see ../.env.example).
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './server.mjs';

const envFile = join(dirname(fileURLToPath(import.meta.url)), '..', '.env');
if (existsSync(envFile)) {
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const [, name, value] = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line) ?? [];
    if (name && value !== undefined && process.env[name] === undefined)
      process.env[name] = value.replace(/^"(.*)"$/, '$1');
  }
}
/** @param {string} name */
const need = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (see apps/demo/.env.example)`);
  return v;
};
/** @param {string | undefined} text a comma-separated list */
const list = (text) =>
  (text ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const origins = list(process.env.DEMO_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173');
const server = await startDemoServer({
  bucket: need('OSS_BUCKET'),
  ossEndpoint: need('OSS_ENDPOINT'),
  region: need('OSS_REGION'),
  pathStyle: process.env.OSS_PATH_STYLE === 'true',
  accessKeyId: need('ALIBABA_CLOUD_ACCESS_KEY_ID'),
  accessKeySecret: need('ALIBABA_CLOUD_ACCESS_KEY_SECRET'),
  stsEndpoint: process.env.STS_ENDPOINT || undefined,
  roleArn: need('STS_ROLE_ARN'),
  tokenSeconds: Number(process.env.STS_DURATION_SECONDS ?? 900),
  allowedOrigins: origins,
  allowedHosts: list(process.env.DEMO_ALLOWED_HOSTS),
  ...(process.env.DEMO_SESSION_SECRET ? { sessionSecret: process.env.DEMO_SESSION_SECRET } : {}),
  kms: process.env.KMS_KEY_ID
    ? {
        keyId: need('KMS_KEY_ID'),
        keyArn: need('KMS_KEY_ARN'),
        target: process.env.KMS_ENDPOINT || `https://kms.${need('OSS_REGION')}.aliyuncs.com/`,
        ...(process.env.KMS_RELAY_URL ? { relayUrl: process.env.KMS_RELAY_URL } : {}),
      }
    : null,
  port: Number(process.env.DEMO_API_PORT ?? 8787),
});
console.log(`demo backend on ${server.url} (bucket ${process.env.OSS_BUCKET}, pages ${origins.join(' ')})`);
