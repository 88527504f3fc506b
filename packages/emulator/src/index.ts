/**
 * @oss-cse/emulator: a local OSS, STS and KMS server for tests and development (`startEmulator`), with fault
 * injection and CORS rules.
 *
 * @module @oss-cse/emulator
 */
export {
  startEmulator,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  type Emulator,
  type EmulatorOptions,
} from './emulator.js';
export type { FaultController, FaultStats } from './faults/controller.js';
export type { FaultRule, FailRule, ResetRule, DelayRule, RequestMatch } from './faults/rules.js';
export { ADMIN_PREFIX } from './faults/admin-route.js';
export type { RequestLogEntry } from './server/http-server.js';
export type { AdjustableClock } from './shared/clock.js';
export type { CorsConfiguration, CorsRule } from './cors/rules.js';
export { DEFAULT_EXPOSE_HEADERS } from './cors/evaluate.js';
export type { Account, Clock, StsPolicyStatement, TemporaryCredential } from './shared/contracts.js';
export type { StsService } from './sts/index.js';
export type { KmsService } from './kms/index.js';
