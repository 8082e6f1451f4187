import { allocLike, type Tape, Tensor } from './tensor';

const EPSILON = 1e-5;

/** Per-row layer normalisation with a learned gain and bias ([1 x cols] each), as torch.nn.LayerNorm. */
export function layerNorm(tape: Tape, x: Tensor, gain: Tensor, bias: Tensor): Tensor {
  const n = x.rows;
  const d = x.cols;
  if (gain.size !== d || bias.size !== d) throw new Error(`layerNorm: gain/bias must have ${d} values`);
  const xs = x.data;
  const gs = gain.data;
  const bs = bias.data;
  const out = allocLike(xs, n * d);
  // The normalised rows and inverse deviations are what the backward pass needs.
  const normalized = allocLike(xs, n * d);
  const inverseStd = allocLike(xs, n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let mean = 0;
    for (let j = 0; j < d; j++) mean += xs[o + j];
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) {
      const c = xs[o + j] - mean;
      variance += c * c;
    }
    const inv = 1 / Math.sqrt(variance / d + EPSILON);
    inverseStd[i] = inv;
    for (let j = 0; j < d; j++) {
      const h = (xs[o + j] - mean) * inv;
      normalized[o + j] = h;
      out[o + j] = h * gs[j] + bs[j];
    }
  }
  const result = tape.output(out, n, d, [x, gain, bias]);
  tape.record(result, () => {
    const g = result.grad!;
    for (let i = 0; i < n; i++) {
      const o = i * d;
      if (gain.grad) for (let j = 0; j < d; j++) gain.grad[j] += g[o + j] * normalized[o + j];
      if (bias.grad) for (let j = 0; j < d; j++) bias.grad[j] += g[o + j];
      if (!x.grad) continue;
      let meanG = 0;
      let meanGH = 0;
      for (let j = 0; j < d; j++) {
        const gh = g[o + j] * gs[j];
        meanG += gh;
        meanGH += gh * normalized[o + j];
      }
      meanG /= d;
      meanGH /= d;
      const inv = inverseStd[i];
      for (let j = 0; j < d; j++) {
        x.grad[o + j] += inv * (g[o + j] * gs[j] - meanG - normalized[o + j] * meanGH);
      }
    }
  });
  return result;
}
