import { formatBytes } from '../core/format-bytes';
import { type Task } from '../core/task';
import { trainingFraction } from '../core/train/progress-fraction';
import type { TrainingEvent } from '../core/train/train-probes';
import type { CliIo } from './command';
import { duration, score } from './table';

const BAR_WIDTH = 20;
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
  ) {}

  onEvent(event: TrainingEvent): void {
    if (event.kind === 'notice') this.line(event.message);
    else if (event.kind === 'plan') this.line(`heads: ${event.heads.map((h) => `${h.strategy} ${h.parameters.toLocaleString('en-US')} parameters (~${formatBytes(h.bytes)})`).join(', ')}`);
    else {
      const fraction = trainingFraction(event, this.strategies);
      if (event.kind === 'features') this.onFeatures(event, fraction);
      else if (event.kind === 'saved') this.onSaved(event);
      else this.onTraining(event, fraction);
    }
  }

  /** Clears the status line; call when training ends, however it ends. */
  finish(): void {
    this.io.status?.('');
  }

  private onFeatures(event: Extract<TrainingEvent, { kind: 'features' }>, fraction: number): void {
    const { split, done, total } = event;
    if (done === total) {
      this.line(`features of ${total} ${split} ${this.unit()} extracted in ${duration(Date.now() - this.featuresStarted)}`);
      this.featuresStarted = Date.now();
    } else {
      this.update(fraction, `features (${split}) ${done}/${total}`, false);
    }
  }

  private onTraining(event: Extract<TrainingEvent, { kind: 'step' | 'epoch' }>, fraction: number): void {
    const { strategy, progress } = event;
    const head = Math.max(0, this.strategies.indexOf(strategy));
    const { epoch, epochs, loss, devMetric } = progress;
    const dev = devMetric === undefined ? '' : ` · ${devMetricName(this.task)} ${score(devMetric)}`;
    const text =
      `head ${head + 1}/${this.strategies.length} ${strategy} · epoch ${epoch}/${epochs} · ` +
      `loss ${Number.isFinite(loss) ? loss.toFixed(3) : String(loss)}${dev}`;
    this.update(fraction, text, event.kind === 'epoch');
  }

  private onSaved(event: Extract<TrainingEvent, { kind: 'saved' }>): void {
    const value = this.task === 'sentiment' ? event.metrics.accuracy : event.metrics.f1;
    this.line(`${event.strategy} probe saved (${devMetricName(this.task)} ${score(value)})`);
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
