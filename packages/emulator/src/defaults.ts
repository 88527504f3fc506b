/** The emulator's built-in account key. The secret is public (it is in this source): loopback use only. */
export const DEFAULT_ACCESS_KEY_ID = 'LTAI5tOssCseEmulatorKey';
export const DEFAULT_ACCESS_KEY_SECRET = 'oss-cse-emulator-secret-do-not-use-in-production';
export const DEFAULT_BUCKET = 'oss-cse-dev';
export const DEFAULT_REGION = 'cn-hangzhou';
