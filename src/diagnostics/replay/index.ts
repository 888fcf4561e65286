/**
 * Replay's pure building blocks: what may be re-sent and to where, how a replay compares with the
 * original, which records a write may touch, and bisecting a batch that failed as a whole. Nothing
 * here sends a request; the Salesforce client does, through its usual pipeline.
 */
export {
  bisect,
  bisectCommitNotice,
  BisectInterruptedError,
  DEFAULT_MAX_CALLS,
  type BatchOutcome,
  type BisectOptions,
  type BisectResult,
} from './bisect.js';
export { bodyDiff, type BodyDiff, type BodyDiffLimits, type JsonChange } from './body-diff.js';
export {
  compareBeforeWrite,
  originalOutcomes,
  recordKeyOf,
  sameValue,
  type ChangedField,
  type CompareBeforeWriteInput,
  type CompareBeforeWriteResult,
  type FieldValues,
  type OriginalOutcome,
} from './compare-before-write.js';
export { REFUSAL_CODES, ReplayRefusedError, type RefusalCode, type ReplayRefusal } from './replay-refusal.js';
export { REPLAY_SHAPES, type ReplayMethod, type ReplayShape, type ShapeName } from './replay-shapes.js';
export { isRefusal, replayTarget, type CollectionRecord, type ReplayTarget } from './replay-target.js';
export {
  succeeded,
  verdictOf,
  type CallOutcome,
  type RecordOutcomeChange,
  type ReplayComparison,
  type ReplayDiff,
  type Verdict,
} from './replay-verdict.js';
export { signedReplayTarget } from './signed-target.js';
export { withRecords } from './sub-batch.js';
