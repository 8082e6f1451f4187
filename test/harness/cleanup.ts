import { constants } from 'node:os';

/**
 * Teardown that runs however the harness ends: normal return, thrown error, timeout, Ctrl+C or SIGTERM.
 * Steps run newest first (the browser closes before the server it talks to).
 */
type Step = { name: string; run: () => Promise<void> };

const steps: Step[] = [];
let running: Promise<void> | undefined;
let stoppingFor: NodeJS.Signals | undefined;

/** The signal the harness is stopping for: the errors it causes in pending steps are expected. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return stoppingFor;
}

export function onCleanup(name: string, run: () => Promise<void>): void {
  steps.push({ name, run });
}

export function cleanUp(): Promise<void> {
  running ??= (async () => {
    for (const step of steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: ${step.name} failed: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    stoppingFor = signal;
    console.error(`\n${signal} received: stopping code-server and the browser`);
    void cleanUp().finally(() => process.exit(128 + constants.signals[signal]));
  });
}
