// Batch jobs over directories and prefixes: the runtime-neutral part (filters, shards, key order, journal format,
// sync's decision, verify, the job runner, rewrap of a prefix). Runtime packages add walks, files and journals.
export { nameFilter, wildcardRegExp, type NameFilter, type NameRule } from './name-filter.js';
export { parseShard, keyHash, inShard, type Shard } from './shard.js';
export { compareKeys, mergeSorted, type Merged } from './key-order.js';
export {
  JOURNAL_VERSION,
  checkJournalEntry,
  journalLine,
  parseJournal,
  jobId,
  type JournalEntry,
  type JournalHeader,
  type JournalState,
  type JournalStore,
} from './journal.js';
export { syncVerdict, type LocalFacts, type SyncVerdict } from './sync-decision.js';
export { verifyObject, type VerifyResult, type VerifyStatus } from './verify-object.js';
export { isUnderKey } from './rewrap-target.js';
export {
  runBatch,
  type BatchOptions,
  type BatchProgress,
  type BatchFailure,
  type BatchItemEvent,
  type BatchSummary,
  type ItemOutcome,
  type RunBatchOptions,
} from './run-batch.js';
export { rewrapPrefix, listedObjects, type RewrapPrefixOptions } from './rewrap-prefix.js';
export { perObjectOptions, type ItemIo } from './per-object.js';
