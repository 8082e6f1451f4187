import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompareResult } from '../../../src/core/result';
import { nextState, persistedState, restoredState, type PanelState } from '../../../webview/view-model/panel-state';

const result: CompareResult = { text: 'Anna moved to Berlin.', encoders: [], notices: [] };
const newer: CompareResult = { text: 'Another text.', encoders: [], notices: ['Truncated.'] };

describe('panel state', () => {
  it('starts from a saved result, and ignores saved state it does not recognise', () => {
    assert.deepEqual(restoredState({ version: 1, result }), { status: 'result', result });
    for (const saved of [undefined, null, 'x', { version: 2, result }, { version: 1, result: { text: 1 } }, { version: 1 }]) {
      assert.deepEqual(restoredState(saved), { status: 'starting' }, JSON.stringify(saved));
    }
  });

  it('keeps the last result visible while a new comparison loads and when it fails', () => {
    let state: PanelState = { status: 'result', result };
    state = nextState(state, { type: 'loading', text: 'Another text.', encoders: ['tiny-bert'] });
    assert.equal(state.status, 'loading');
    assert.equal(state.result, result);
    assert.deepEqual(state.loading, { text: 'Another text.', encoders: ['tiny-bert'], message: undefined });
    state = nextState(state, { type: 'error', message: 'The encoder folder does not exist.' });
    assert.deepEqual(state, { status: 'error', result, error: 'The encoder folder does not exist.' });
    state = nextState(state, { type: 'result', result: newer });
    assert.deepEqual(state, { status: 'result', result: newer });
  });

  it('shows the empty state only when there is no result: a restored one outlives a fresh host', () => {
    assert.deepEqual(nextState({ status: 'starting' }, { type: 'empty' }), { status: 'empty' });
    assert.deepEqual(nextState(restoredState({ version: 1, result }), { type: 'empty' }), { status: 'result', result });
  });

  it('saves only the result', () => {
    assert.deepEqual(persistedState({ status: 'error', result, error: 'x' }), { version: 1, result });
    assert.equal(persistedState({ status: 'loading', loading: { text: 't', encoders: [] } }), undefined);
    assert.deepEqual(restoredState(persistedState({ status: 'result', result })), { status: 'result', result });
  });

});
