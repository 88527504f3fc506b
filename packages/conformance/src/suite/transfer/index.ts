// The transfer suite files, in the order every run of an engine adapter runs them (see README.md).
import type { TransferSuite } from '../../harness/suite-api.js';
import { sizes } from './sizes.js';
import { ranges } from './ranges.js';
import { resume } from './resume.js';
import { abort } from './abort.js';
import { faults } from './faults.js';
import { crossRuntime } from './cross-runtime.js';
import { credentials } from './credentials.js';
import { materialsCache } from './materials-cache.js';

export const TRANSFER_SUITES: readonly TransferSuite[] = [
  sizes,
  ranges,
  resume,
  abort,
  faults,
  crossRuntime,
  credentials,
  materialsCache,
];
