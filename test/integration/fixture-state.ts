/**
 * What the integration tests share across files. Each test file is its own bundle with its own copy of every
 * module, so shared state lives on globalThis (as the UI session does), not in a module variable.
 */
export interface FixtureState {
  /** The local data server's base URL (serving ../shared/data in the data layout). */
  baseUrl: string;
  requests: string[];
  close(): Promise<void>;
}

const KEY = Symbol.for('probe-lens.integration-fixture');
type WithFixture = typeof globalThis & { [KEY]?: FixtureState };

export function fixtureState(): FixtureState | undefined {
  return (globalThis as WithFixture)[KEY];
}

export function setFixtureState(state: FixtureState): void {
  (globalThis as WithFixture)[KEY] = state;
}

/** Root hook after every test file: stops the data server. */
export async function closeFixture(): Promise<void> {
  const state = fixtureState();
  (globalThis as WithFixture)[KEY] = undefined;
  await state?.close();
}
