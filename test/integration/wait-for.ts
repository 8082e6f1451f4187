/** Polls `condition` until it holds: the workbench applies extension requests asynchronously. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
