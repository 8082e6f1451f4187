const n = 8_300_000;
const w = new Float32Array(n).map(() => Math.random()), g = new Float32Array(n).map(() => Math.random() - 0.5);
function run(name: string, m: Float32Array | Float64Array, v: Float32Array | Float64Array, f: () => void) {
  for (let i = 0; i < 3; i++) f();
  const t = performance.now(); for (let i = 0; i < 10; i++) f(); console.log(name, ((performance.now() - t) / 10).toFixed(1), 'ms');
}
let steps = 0;
function mk(m: Float32Array | Float64Array, v: Float32Array | Float64Array) {
  return () => {
    steps++; const beta1 = 0.9, beta2 = 0.999, lr = 1e-3, eps = 1e-8;
    const c1 = 1 - beta1 ** steps, c2 = 1 - beta2 ** steps, stepSize = lr / c1, shrink = 1 - lr * 0.01;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      w[i] = w[i] * shrink - (stepSize * m[i]) / (Math.sqrt(v[i] / c2) + eps);
    }
  };
}
function mk2(m: Float32Array | Float64Array, v: Float32Array | Float64Array) {
  return () => {
    steps++; const beta1 = 0.9, beta2 = 0.999, lr = 1e-3, eps = 1e-8;
    const c1 = 1 - beta1 ** steps, c2 = 1 - beta2 ** steps, stepSize = lr / c1, shrink = 1 - lr * 0.01;
    const a1 = 1 - beta1, a2 = 1 - beta2, invc2 = 1 / c2;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + a1 * gi;
      const vi = beta2 * v[i] + a2 * gi * gi;
      m[i] = mi; v[i] = vi;
      w[i] = w[i] * shrink - (stepSize * mi) / (Math.sqrt(vi * invc2) + eps);
    }
  };
}
run('f64 current', new Float64Array(n), new Float64Array(n), mk(new Float64Array(n), new Float64Array(n)));
run('f64 locals', new Float64Array(n), new Float64Array(n), mk2(new Float64Array(n), new Float64Array(n)));
run('f32 locals', new Float32Array(n), new Float32Array(n), mk2(new Float32Array(n), new Float32Array(n)));
