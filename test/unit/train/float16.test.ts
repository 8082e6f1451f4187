import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floatsToHalves, halvesToFloats, toHalf } from '../../../src/core/train/features/float16';

test('every finite half survives float → half → float unchanged', () => {
  const halves = Uint16Array.from({ length: 65536 }, (_, h) => h).filter((h) => (h & 0x7c00) !== 0x7c00);
  const floats = new Float32Array(halves.length);
  halvesToFloats(halves, floats);
  const back = new Uint16Array(halves.length);
  floatsToHalves(floats, back);
  for (let i = 0; i < halves.length; i++) {
    // -0 and +0 keep their signs; every other value maps back to its own bit pattern.
    assert.equal(back[i], halves[i], `half 0x${halves[i].toString(16)}`);
  }
});

test('known values, rounding to nearest even, overflow and NaN', () => {
  assert.equal(toHalf(1), 0x3c00);
  assert.equal(toHalf(-2), 0xc000);
  assert.equal(toHalf(65504), 0x7bff);
  assert.equal(toHalf(65520), 0x7c00, 'halfway above the largest half rounds to Infinity');
  assert.equal(toHalf(1e6), 0x7c00);
  assert.equal(toHalf(-Infinity), 0xfc00);
  assert.equal(toHalf(2 ** -24), 0x0001, 'smallest subnormal');
  assert.equal(toHalf(2 ** -26), 0x0000, 'a quarter of the smallest subnormal rounds to zero');
  // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even mantissa, 1.
  assert.equal(toHalf(1 + 2 ** -11), 0x3c00);
  // 1 + 3·2^-11 lies between 1 + 2^-10 (odd) and 1 + 2^-9 (even): it rounds up to the even one.
  assert.equal(toHalf(1 + 3 * 2 ** -11), 0x3c02);
  const out = new Float32Array(1);
  halvesToFloats(Uint16Array.of(toHalf(NaN)), out);
  assert.ok(Number.isNaN(out[0]));
});

test('relative error of a float round trip is at most 2^-11 in the normal range', () => {
  const values = Float32Array.from({ length: 2000 }, (_, i) => (i - 1000) * 0.37 + 0.001);
  const halves = new Uint16Array(values.length);
  floatsToHalves(values, halves);
  const back = new Float32Array(values.length);
  halvesToFloats(halves, back);
  for (let i = 0; i < values.length; i++) assert.ok(Math.abs(back[i] - values[i]) <= Math.abs(values[i]) * 2 ** -11, `${values[i]} → ${back[i]}`);
});
