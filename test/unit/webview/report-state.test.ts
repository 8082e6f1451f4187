import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentReport } from '../../../src/core/experiments/report-view';
import { nextReportState } from '../../../webview/view-model/report-state';
import { fakeResults } from '../experiments/fake-results';

test('a report replaces the last one and clears a problem; a problem keeps the last report', async () => {
  const report = experimentReport(await fakeResults('pooling'), '/out/results.json');
  const shown = nextReportState({ problem: { title: 'old', message: 'old' } }, { type: 'report', report, source: 'file:///out/results.json' });
  assert.deepEqual(shown, { report });
  const problem = nextReportState(shown, { type: 'reportProblem', title: 'results.json was deleted', message: '/out/results.json no longer exists.' });
  assert.equal(problem.report, report);
  assert.equal(problem.problem?.title, 'results.json was deleted');
});
