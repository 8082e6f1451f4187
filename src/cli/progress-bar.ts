import { type Task } from '../core/task';
import { formatBytes } from '../core/format-bytes';
import type { TrainingEvent } from '../core/train/train-probes';
import type { TrainProgress } from '../core/train/trainer';
import type { CliIo } from './command';
import { duration, score } from './table';

const BAR_WIDTH = 20;
// Share of the whole run spent extracting features (train, then dev); the heads share the rest equally.
const FEATURES_SHARE = 0.3;
// The trainer reports every minibatch: redraw at most this often, so drawing never slows training down.
const REDRAW_MS = 100;
// Without a terminal, a long stage still says it is alive this often.
const HEARTBEAT_MS = 10_000;

export function progressBar(fraction: number, width = BAR_WIDTH): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

/** What the dev score is called for a task in progress lines. */
export function devMetricName(task: Task): string {
  return task === 'sentiment' ? 'dev accuracy' : 'dev entity F1';
}

/**
 * Shows trainProbes' events on stderr: on an interactive terminal, one status line redrawn in place
 * (features %, then per head: epoch, loss, dev score) plus a line per finished stage; otherwise only the
 * plain lines, and a heartbeat line during a long stage, so logs stay short.
 */
export class TrainingProgressView {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastLine = Date.now();
  // Feature extraction reports only after each chunk: a split starts when the previous stage ended.
  private featuresStarted = Date.now();

  constructor(
    private readonly io: CliIo,
    /** Prefixes every line, e.g. "tiny-bert-uncased · sentiment". */
    private readonly label: string,
    private readonly task: Task,
    private readonly strategies: readonly string[],
    private readonly hasDev: boolean,
  ) {}

  onEvent(event: TrainingEvent): void {
    if (event.kind === 'features') this.onFeatures(event);
    else if (event.kind === 'saved') this.onSaved(event.strategy, event.metrics);
    else if (event.kind === 'notice') this.line(event.message);
    else if (event.kind === 'plan') this.line(`heads: ${event.heads.map((h) => `${h.strategy} ${h.parameters.toLocaleString('en-US')} parameters (~${formatBytes(h.bytes)})`).join(', ')}`);
    else this.onTraining(event.strategy, event.progress, event.kind === 'epoch');
  }

  /** Clears the status line; call when training ends, however it ends. */
  finish(): void {
    this.io.status?.('');
  }

  private onFeatures(event: Extract<TrainingEvent, { kind: 'features' }>): void {
    const { split, done, total } = event;
    const trainShare = this.hasDev ? FEATURES_SHARE * 0.75 : FEATURES_SHARE;
    const [from, span] = split === 'train' ? [0, trainShare] : [trainShare, FEATURES_SHARE - trainShare];
    const within = total === 0 ? 1 : done / total;
    const text = `features (${split}) ${done}/${total}`;
    if (done === total) {
      this.line(`features of ${total} ${split} ${this.unit()} extracted in ${duration(Date.now() - this.featuresStarted)}`);
      this.featuresStarted = Date.now();
    } else {
      this.update(from + span * within, text, false);
    }
  }

  private onTraining(strategy: string, progress: TrainProgress, epochEnd: boolean): void {
    const head = Math.max(0, this.strategies.indexOf(strategy));
    const headShare = (1 - FEATURES_SHARE) / Math.max(1, this.strategies.length);
    const { epoch, epochs, step, stepsPerEpoch, loss, devMetric } = progress;
    const within = Math.min(1, (epoch - 1 + (stepsPerEpoch > 0 ? step / stepsPerEpoch : 1)) / Math.max(1, epochs));
    const dev = devMetric === undefined ? '' : ` · ${devMetricName(this.task)} ${score(devMetric)}`;
    const text =
      `head ${head + 1}/${this.strategies.length} ${strategy} · epoch ${epoch}/${epochs} · ` +
      `loss ${Number.isFinite(loss) ? loss.toFixed(3) : String(loss)}${dev}`;
    this.update(FEATURES_SHARE + headShare * (head + within), text, epochEnd);
  }

  private onSaved(strategy: string, metrics: Record<string, number>): void {
    const value = this.task === 'sentiment' ? metrics.accuracy : metrics.f1;
    this.line(`${strategy} probe saved (${devMetricName(this.task)} ${score(value)})`);
  }

  private unit(): string {
    return this.task === 'sentiment' ? 'examples' : 'sentences';
  }

  /** A permanent line: on a terminal above the status line, otherwise in the log. */
  private line(text: string): void {
    this.io.note(`${this.label}: ${text}`);
    this.lastLine = Date.now();
    this.lastDraw = 0;
  }

  private update(fraction: number, text: string, important: boolean): void {
    const now = Date.now();
    if (this.io.status) {
      if (!important && now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      this.io.status(`${this.label} ${progressBar(fraction)} ${text} · ${duration(now - this.started)}`);
    } else if (now - this.lastLine >= HEARTBEAT_MS) {
      this.line(`${Math.floor(fraction * 100)}% ${text}`);
    }
  }
}
