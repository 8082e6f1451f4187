import { formatBytes } from '../core/format-bytes';
import type { TrainingEvent } from '../core/train/train-probes';
import type { WorkerProgress } from './protocol';

// Share of one (encoder, task) unit spent extracting features; the heads share the rest equally.
const FEATURES_SHARE = 0.4;
const TRAIN_FEATURES_SHARE_WITH_DEV = 0.3;

/** The training events that move progress (notices travel in the response instead). */
export type ProgressEvent = Exclude<TrainingEvent, { kind: 'notice' }>;

/**
 * Turns trainProbes' events into one fraction of the whole request, which trains several (encoder, task)
 * units in turn: features first (train, then dev), then one head after another, epoch by epoch.
 */
export class TrainingProgress {
  private unit = 0;
  private label = '';
  private strategies: readonly string[] = [];
  private hasDev = false;

  constructor(
    private readonly units: number,
    private readonly report: (progress: WorkerProgress) => void,
  ) {}

  startUnit(unit: number, label: string, strategies: readonly string[], hasDev: boolean): void {
    Object.assign(this, { unit, label, strategies, hasDev });
    this.send(`${label}: preparing`, 0);
  }

  /** A message inside the current unit that does not move the fraction (downloads, loading). */
  note(message: string): void {
    this.report({ message, fraction: this.unit / this.units });
  }

  onEvent(event: ProgressEvent): void {
    if (event.kind === 'plan') {
      this.note(`${this.label}: ${event.heads.map((h) => `${h.strategy} ~${formatBytes(h.bytes)}`).join(', ')}`);
      return;
    }
    if (event.kind === 'features') {
      const share = this.hasDev ? TRAIN_FEATURES_SHARE_WITH_DEV : FEATURES_SHARE;
      const [from, span] = event.split === 'train' ? [0, share] : [share, FEATURES_SHARE - share];
      const done = event.total === 0 ? 1 : event.done / event.total;
      this.send(`${this.label}: features ${Math.round(done * 100)}% (${event.split})`, from + span * done);
      return;
    }
    const head = Math.max(0, this.strategies.indexOf(event.strategy));
    const headShare = (1 - FEATURES_SHARE) / Math.max(1, this.strategies.length);
    if (event.kind === 'saved') {
      this.send(`${this.label}: ${event.strategy} probe saved`, FEATURES_SHARE + headShare * (head + 1));
      return;
    }
    const { epoch, epochs, step, stepsPerEpoch } = event.progress;
    const withinHead = Math.min(1, (epoch - 1 + (stepsPerEpoch > 0 ? step / stepsPerEpoch : 1)) / Math.max(1, epochs));
    this.send(`${this.label}: ${event.strategy} head, epoch ${epoch} of at most ${epochs}`, FEATURES_SHARE + headShare * (head + withinHead));
  }

  private send(message: string, withinUnit: number): void {
    this.report({ message, fraction: (this.unit + Math.min(1, withinUnit)) / this.units });
  }
}
