import assert from 'node:assert/strict';
import * as os from 'node:os';
import { describe, test } from 'node:test';
import { defaultThreads, sessionOptions } from '../../../src/core/encoders/session/session-options';

describe('session options', () => {
  test('threads: the caller’s count; 0 or none, every core but one (as the extension’s setting and --threads say)', () => {
    assert.equal(sessionOptions(3).intraOpNumThreads, 3);
    assert.equal(sessionOptions(0).intraOpNumThreads, defaultThreads());
    assert.equal(sessionOptions().intraOpNumThreads, defaultThreads());
    const cores = os.availableParallelism();
    assert.ok(defaultThreads() >= 1 && (cores === 1 || defaultThreads() < cores), 'leaves a core free');
  });
});
