import type { TrainingEvent } from './train-probes';

/** The training events that move progress (notices are told, not counted). */
export type ProgressEvent = Exclude<TrainingEvent, { kind: 'notice' }>;

// Share of a trainProbes run spent extracting features (three quarters of it on train, the rest on dev); the
// heads share the rest equally.
const FEATURES_SHARE = 0.3;
const TRAIN_FEATURES_SHARE = FEATURES_SHARE * 0.75;

/**
 * How far a trainProbes run of `strategies` is after `event`, from 0 to 1: the plan first, then the features of
 * train, then of dev, then one head after another, epoch by epoch. A head stopped early jumps to its end when it
 * is saved. The CLI draws it as a bar, the extension as its progress notification.
 */
export function trainingFraction(event: ProgressEvent, strategies: readonly string[]): number {
  if (event.kind === 'plan') return 0;
  if (event.kind === 'features') {
    const [from, span] = event.split === 'train' ? [0, TRAIN_FEATURES_SHARE] : [TRAIN_FEATURES_SHARE, FEATURES_SHARE - TRAIN_FEATURES_SHARE];
    return from + span * (event.total === 0 ? 1 : event.done / event.total);
  }
  const head = Math.max(0, strategies.indexOf(event.strategy));
  const headShare = (1 - FEATURES_SHARE) / Math.max(1, strategies.length);
  if (event.kind === 'saved') return FEATURES_SHARE + headShare * (head + 1);
  const { epoch, epochs, step, stepsPerEpoch } = event.progress;
  const withinHead = Math.min(1, (epoch - 1 + (stepsPerEpoch > 0 ? step / stepsPerEpoch : 1)) / Math.max(1, epochs));
  return FEATURES_SHARE + headShare * (head + withinHead);
}
