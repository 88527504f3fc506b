/** The emulator's built-in account key. The secret is public (it is in this source): loopback use only. */
export const DEFAULT_ACCESS_KEY_ID = 'LTAI5tOssCseEmulatorKey';
/** The built-in account secret: public, so the emulator refuses non-loopback addresses with it. */
export const DEFAULT_ACCESS_KEY_SECRET = 'oss-cse-emulator-secret-do-not-use-in-production';
/** The bucket created at start when none is named. */
export const DEFAULT_BUCKET = 'oss-cse-dev';
/** The default region id. */
export const DEFAULT_REGION = 'cn-hangzhou';
