import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { experimentReport } from '../../../src/core/experiments/report-view';
import type { CompareResult } from '../../../src/core/result';
import { isHostMessage, isReportHostMessage, isWebviewMessage } from '../../../src/protocol/webview';
import { fakeResults } from '../experiments/fake-results';

const result: CompareResult = { text: 'Anna moved to Berlin.', encoders: [], notices: [] };

describe('webview protocol guards', () => {
  it('the comparison panel accepts only well-formed host messages', () => {
    assert.ok(isHostMessage({ type: 'empty' }));
    assert.ok(isHostMessage({ type: 'result', result }));
    assert.ok(isHostMessage({ type: 'loading', text: 't', encoders: [] }));
    assert.ok(isHostMessage({ type: 'loading', text: 't', encoders: ['a'], message: 'Loading a' }));
    assert.ok(isHostMessage({ type: 'error', message: 'm' }));
    const bad = [
      null,
      'result',
      { type: 'result' },
      { type: 'error' },
      { type: 'loading', text: 't' },
      { type: 'loading', text: 't', encoders: [1] },
      { type: 'loading', text: 't', encoders: [], message: 3 },
      { type: 'other' },
      { type: 'toString' },
      { type: 'report', report: {}, source: 's' },
    ];
    for (const message of bad) assert.ok(!isHostMessage(message), JSON.stringify(message));
  });

  it('a report panel accepts only well-formed report messages', async () => {
    const report = experimentReport(await fakeResults('fusion'), '/out/results.json');
    assert.equal(isReportHostMessage({ type: 'report', report, source: 'file:///out/results.json' }), true);
    assert.equal(isReportHostMessage({ type: 'reportProblem', title: 't', message: 'm' }), true);
    assert.equal(isReportHostMessage({ type: 'report', report }), false, 'no source');
    assert.equal(isReportHostMessage({ type: 'report', report: { title: 'x' }, source: 's' }), false);
    assert.equal(isReportHostMessage({ type: 'result', result: {} }), false, "the comparison panel's message");
    assert.equal(isReportHostMessage('report'), false);
  });

  it('the host accepts only well-formed webview messages', () => {
    for (const good of [
      { type: 'ready' },
      { type: 'copy', text: '{}', what: 'the result as JSON' },
      { type: 'saveSvg', svg: '<svg/>', suggestedName: 'dwatt.svg' },
      { type: 'train', task: 'both' },
      { type: 'train', task: 'ner' },
    ]) {
      assert.ok(isWebviewMessage(good), JSON.stringify(good));
    }
    for (const bad of [
      undefined,
      [],
      { type: 'copy', text: 1, what: 'x' },
      { type: 'saveSvg', svg: '<svg/>' },
      { type: 'train', task: 'pos' },
      { type: 'constructor' },
      { type: 'hasOwnProperty' },
      { kind: 'ready' },
    ]) {
      assert.ok(!isWebviewMessage(bad), JSON.stringify(bad));
    }
  });
});
