/**
 * Runs one piece of work at a time in a lane: starting another aborts the one in flight (the user asked a new
 * question; the old answer no longer matters). The aborted work sees its signal fire.
 */
export class SupersedingLane {
  private current: AbortController | undefined;

  run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    return work(controller.signal).finally(() => {
      if (this.current === controller) this.current = undefined;
    });
  }
}
