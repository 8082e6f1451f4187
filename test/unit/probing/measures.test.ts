import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toCsv } from '../../../src/core/csv';
import { controlLabels, identityOffsets, layerSummary, onlineCodeLength, ProbeKernel, SWEEP_CSV_HEADER } from '../../../src/core/probing';
import { Random } from '../../../src/core/random';

describe('control task labels (Hewitt & Liang)', () => {
  test('one label per key wherever it occurs, in train and dev, drawn from the real labels’ distribution', () => {
    const random = new Random(3);
    const train = Array.from({ length: 20000 }, () => `w${random.int(4000)}`);
    const dev = [...train.slice(0, 50), 'unseen-1', 'unseen-2'];
    const real = Int32Array.from(train, () => (random.next() < 0.8 ? 0 : random.next() < 0.5 ? 1 : 2));
    const [trainControl, devControl] = controlLabels([train, dev], real, 3, 13);
    const byKey = new Map<string, number>();
    train.forEach((key, i) => {
      if (byKey.has(key)) assert.equal(trainControl[i], byKey.get(key), `key ${key}`);
      byKey.set(key, trainControl[i]);
    });
    dev.slice(0, 50).forEach((key, i) => assert.equal(devControl[i], byKey.get(key)));
    // Per type, the labels follow the real distribution (80 / 10 / 10).
    const counts = [0, 0, 0];
    for (const label of byKey.values()) counts[label]++;
    const share = counts.map((c) => c / byKey.size);
    assert.ok(Math.abs(share[0] - 0.8) < 0.03 && Math.abs(share[1] - 0.1) < 0.03, JSON.stringify(share));
    assert.deepEqual(controlLabels([train, dev], real, 3, 13), [trainControl, devControl], 'seeded');
    assert.notDeepEqual(controlLabels([train], real, 3, 14)[0], trainControl);
  });
});

describe('expected layer (Tenney et al.)', () => {
  test('centre of gravity of the running best score gained per layer; best layer the first maximum', () => {
    const rising = layerSummary([0.5, 0.7, 0.7, 0.9]);
    assert.equal(rising.bestLayer, 3);
    assert.ok(Math.abs(rising.expectedLayer! - 2) < 1e-12, `${rising.expectedLayer}`);
    // A dip does not count as negative gain: layer 2 regains nothing until it passes the best so far.
    const dip = layerSummary([0.5, 0.8, 0.6, 0.9]);
    assert.equal(dip.bestLayer, 3);
    assert.ok(Math.abs(dip.expectedLayer! - (1 * 0.3 + 3 * 0.1) / 0.4) < 1e-12);
    assert.deepEqual(layerSummary([0.6, 0.6, 0.5]), { bestLayer: 0, expectedLayer: null });
  });
});

describe('MDL online code (Voita & Titov)', () => {
  const rows = (n: number, noise: number, seed: number) => {
    const random = new Random(seed);
    const labels = Int32Array.from({ length: n }, () => random.int(2));
    const x = Float32Array.from({ length: n * 4 }, (_, i) => (i % 4 === 0 ? (labels[i >> 2] ? 1 : -1) : 0) + noise * random.normal());
    return { x, rows: n, cols: 4, labels };
  };
  let kernel: ProbeKernel;
  before(async () => (kernel = await ProbeKernel.open({ threads: 1, provider: 'cpu' })));
  after(() => kernel.release());
  const options = () => ({ classes: 2, kernel, C: 1, gradientTolerance: 1e-5, maxIterations: 300, seed: 1 });

  test('labels a representation makes easy compress far below the uniform code; random labels do not', async () => {
    const easy = await onlineCodeLength(rows(2000, 0.3, 1), identityOffsets(2000), options());
    assert.equal(easy.uniformKbits, 2);
    assert.equal(easy.blocks, 11);
    assert.ok(easy.compression > 5, JSON.stringify(easy));
    const data = rows(2000, 0.3, 1);
    const shuffled = { ...data, labels: Int32Array.from(data.labels, (_, i) => data.labels[(i * 7919) % 2000]) };
    const random = await onlineCodeLength(shuffled, identityOffsets(2000), options());
    assert.ok(random.compression < 1.05, JSON.stringify(random));
    // The first block goes with the uniform code: at least 2 examples' worth of bits (0.1% of 2000).
    assert.ok(random.kbits * 1000 >= 2);
  });

  test('examples stay whole: sentences of several rows', async () => {
    const data = rows(600, 0.3, 2);
    const offsets = Int32Array.from({ length: 201 }, (_, i) => 3 * i);
    const code = await onlineCodeLength(data, offsets, options());
    assert.ok(code.compression > 3);
    assert.deepEqual(await onlineCodeLength(data, offsets, options()), code, 'deterministic');
  });
});

describe('CSV', () => {
  test('an empty table is a file with only its header', () => {
    assert.equal(toCsv([...SWEEP_CSV_HEADER], []), `${SWEEP_CSV_HEADER.join(',')}\r\n`);
  });
  test('quotes what needs quoting; numbers in full; missing values empty', () => {
    assert.equal(toCsv(['a', 'b'], [['x, "y"', 0.1 + 0.2], [null, NaN], ['line\nbreak', true]]), 'a,b\r\n"x, ""y""",0.30000000000000004\r\n,\r\n"line\nbreak",true\r\n');
  });
});
