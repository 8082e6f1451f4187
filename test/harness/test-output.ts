/** The plain last line every test part prints, and the one CI readers look for: `N passed, N failed`. */
export function formatCounts(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}

/**
 * The integration suite's first line. The workbench reports its own start-up chatter through the same
 * channel as the tests; the harness files everything before this line in the run's log instead.
 */
export const INTEGRATION_START_MARKER = 'Probe Lens integration tests';
