import type { SweepEvent } from '../core/probing';
import type { CliIo } from './command';
import { progressBar } from './progress-bar';
import { duration } from './table';

// Share of a sweep spent extracting features when they are not cached; the probes share the rest.
const FEATURES_SHARE = 0.3;
const REDRAW_MS = 100;
// Without a terminal, a long sweep still says it is alive this often.
const HEARTBEAT_MS = 10_000;

/** Shows a sweep's events on stderr: a status line redrawn in place on a terminal, plain lines otherwise. */
export class SweepProgressView {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastLine = Date.now();

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
  ) {}

  onEvent(event: SweepEvent): void {
    if (event.kind === 'features') {
      const within = event.total === 0 ? 1 : event.done / event.total;
      const from = event.split === 'train' ? 0 : FEATURES_SHARE / 2;
      if (event.done === event.total) this.line(`features of ${event.total} ${event.split} examples ready`);
      else this.update(from + (FEATURES_SHARE / 2) * within, `features (${event.split}) ${event.done}/${event.total}`);
      return;
    }
    const text = `${event.strategy} layer ${event.layer} done (${event.done}/${event.total} probes)`;
    if (event.done === event.total) this.line(`${event.total} probes fitted in ${duration(Date.now() - this.started)}`);
    else this.update(FEATURES_SHARE + (1 - FEATURES_SHARE) * (event.done / event.total), text);
  }

  finish(): void {
    this.io.status?.('');
  }

  private line(text: string): void {
    this.io.note(`${this.label}: ${text}`);
    this.lastLine = Date.now();
    this.lastDraw = 0;
  }

  private update(fraction: number, text: string): void {
    const now = Date.now();
    if (this.io.status) {
      if (now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      this.io.status(`${this.label} ${progressBar(fraction)} ${text} · ${duration(now - this.started)}`);
    } else if (now - this.lastLine >= HEARTBEAT_MS) {
      this.line(`${Math.floor(fraction * 100)}% ${text}`);
    }
  }
}
