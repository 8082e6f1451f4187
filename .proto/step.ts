import { TrainingSession } from '../src/core/heads/graph/training-session';
import { createHead } from '../src/core/heads/head';
import { AdamW } from '../src/core/train/adamw';
async function main() {
  const threads = Number(process.argv[2] ?? 1);
  for (const [L, d] of [[7, 128], [13, 768]]) for (const name of ['dwatt', 'concat']) {
    const head = createHead('ner', name, { hiddenSize: d, numLayers: L, numLabels: 9 }, 1);
    const s = await TrainingSession.create(head, threads);
    const rows = 512;
    const input = new Float32Array(L * rows * d).map(() => Math.random() * 2 - 1);
    const labels = Int32Array.from({ length: rows }, (_, i) => i % 9);
    const opt = new AdamW(head.parameters, { learningRate: 1e-3, weightDecay: 0.01 });
    const batch = { input: head.strategy.reads === 'all' ? input : input.subarray((L - 1) * rows * d), rows, offsets: Int32Array.of(0, rows), labels };
    for (let i = 0; i < 2; i++) { await s.gradients(batch); opt.step(); }
    let n = 0, tg = 0, ta = 0; const t0 = performance.now();
    while (performance.now() - t0 < 6000) { const a = performance.now(); await s.gradients(batch); const b = performance.now(); opt.step(); ta += performance.now() - b; tg += b - a; n++; }
    console.log(`threads ${threads} ${name} 512x${L}x${d}: ${(n / ((performance.now() - t0) / 1000)).toFixed(2)} steps/s (graph ${(tg / n).toFixed(1)} ms, adamw ${(ta / n).toFixed(1)} ms)`);
    await s.release();
  }
}
main();
