import { formatBytes } from '../core/format-bytes';
import { type ProgressEvent, trainingFraction } from '../core/train/progress-fraction';
import type { WorkerProgress } from '../protocol/worker';

/**
 * Turns trainProbes' events into messages and one fraction of the whole request, which trains several
 * (encoder, task) units in turn (see trainingFraction for the progress within a unit).
 */
export class TrainingProgress {
  private unit = 0;
  private label = '';
  private strategies: readonly string[] = [];

  constructor(
    private readonly units: number,
    private readonly report: (progress: WorkerProgress) => void,
  ) {}

  startUnit(unit: number, label: string, strategies: readonly string[]): void {
    Object.assign(this, { unit, label, strategies });
    this.send(`${label}: preparing`, 0);
  }

  /** A message inside the current unit that does not move the fraction (downloads, loading). */
  note(message: string): void {
    this.report({ message, fraction: this.unit / this.units });
  }

  /** Notices are not progress: they travel in the response. */
  onEvent(event: ProgressEvent): void {
    if (event.kind === 'plan') this.note(`${this.label}: ${event.heads.map((h) => `${h.strategy} ~${formatBytes(h.bytes)}`).join(', ')}`);
    else this.send(`${this.label}: ${this.describe(event)}`, trainingFraction(event, this.strategies));
  }

  private describe(event: Exclude<ProgressEvent, { kind: 'plan' }>): string {
    if (event.kind === 'features') return `features ${Math.round(event.total === 0 ? 100 : (event.done / event.total) * 100)}% (${event.split})`;
    if (event.kind === 'saved') return `${event.strategy} probe saved`;
    return `${event.strategy} head, epoch ${event.progress.epoch} of at most ${event.progress.epochs}`;
  }

  private send(message: string, withinUnit: number): void {
    this.report({ message, fraction: (this.unit + Math.min(1, withinUnit)) / this.units });
  }
}
