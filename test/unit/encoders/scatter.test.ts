import { resolveRuntime } from '../../../src/core/encoders/session/session-options';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { padBatch } from '../../../src/core/encoders/encode/batch';
import { scatterRow, suppliesWholeText, targetRuns } from '../../../src/core/encoders/encode/scatter';
import { TappedSession } from '../../../src/core/encoders/session/tapped-session';
import { tappedModelFile } from '../../../src/core/encoders/taps/tap-cache';
import { ProbeLensError } from '../../../src/core/errors';
import { TINY_BERT } from '../../shared-path';
import { tempDir } from './helpers';

const pairs = (...values: number[]) => Int32Array.from(values);

describe('scattering batch rows into results', () => {
  test('consecutive targets collapse into runs', () => {
    assert.deepEqual([...targetRuns(pairs(0, 0, 1, 1, 2, 2))], [0, 0, 3]);
    // A window: leading special from position 0, content from the window's middle, a gap, a trailing special.
    assert.deepEqual([...targetRuns(pairs(0, 0, 5, 3, 6, 4, 7, 5, 9, 8))], [0, 0, 1, 5, 3, 3, 9, 8, 1]);
    assert.deepEqual([...targetRuns(pairs())], []);
  });

  test('scattering runs equals copying every target one vector at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.nat(7)), { maxLength: 12 }), fc.nat(2), (targetList, row) => {
        const hidden = 3;
        const length = 8;
        const rows = 3;
        const distinctTargets = [...new Map(targetList.map(([to, from]) => [to, from])).entries()];
        const targets = Int32Array.from(distinctTargets.flat());
        const source = [0, 1].map((l) => Float32Array.from({ length: rows * length * hidden }, (_, i) => l * 1000 + i));
        const expected = [0, 1].map(() => new Float32Array(21 * hidden));
        for (const [to, from] of distinctTargets) {
          source.forEach((layer, l) => {
            for (let d = 0; d < hidden; d++) expected[l][to * hidden + d] = layer[(row * length + from) * hidden + d];
          });
        }
        const actual = [0, 1].map(() => new Float32Array(21 * hidden));
        scatterRow(targetRuns(targets), source, row * length, actual, hidden);
        assert.deepEqual(actual, expected);
      }),
    );
  });

  test('only a single window covering the whole text in order supplies it whole', () => {
    const sequence = (ids: number, targets: Int32Array) => ({ text: 0, ids: new Array<number>(ids).fill(1), targets });
    assert.equal(suppliesWholeText(sequence(3, pairs(0, 0, 1, 1, 2, 2)), 3), true);
    assert.equal(suppliesWholeText(sequence(3, pairs(0, 0, 1, 1)), 3), false, 'a row missing');
    assert.equal(suppliesWholeText(sequence(4, pairs(0, 0, 1, 1, 2, 2)), 3), false, 'a longer window');
    assert.equal(suppliesWholeText(sequence(3, pairs(0, 1, 1, 2, 2, 3)), 3), false, 'shifted positions');
  });
});

describe('tapped session outputs', () => {
  test('a tap whose shape is not [rows, length, hidden] is a layers-not-found error, not wrong numbers', async () => {
    const tapped = await tappedModelFile(path.join(TINY_BERT, 'onnx', 'model.onnx'), { family: 'bert', layers: 6, hiddenSize: 128 }, tempDir());
    // The manifest claims a hidden size of 64: the runtime's real 128-wide outputs do not fit.
    const session = await TappedSession.create(tapped.path, { ...tapped.manifest, hiddenSize: 64 }, resolveRuntime({ threads: 1 }));
    try {
      const batch = padBatch([{ text: 0, ids: [101, 7592, 102], targets: new Int32Array(0) }], 0);
      await assert.rejects(session.run(batch), (error: unknown) => {
        assert.ok(error instanceof ProbeLensError);
        assert.equal(error.code, 'layers-not-found');
        assert.match(error.message, /not a float32 \[1, 3, 64\] tensor[\s\S]*not a hidden state/);
        return true;
      });
    } finally {
      await session.dispose();
    }
  });
});
