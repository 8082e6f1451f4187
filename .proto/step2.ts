import { resolveRuntime } from '../src/core/encoders/session/session-options';
import { TrainingSession } from '../src/core/heads/graph/training-session';
import { createHead } from '../src/core/heads/head';
import { AdamW } from '../src/core/train/adamw';
async function main() {
  const threads = Number(process.argv[2] ?? 1); const rows = Number(process.argv[3] ?? 460);
  for (const name of process.argv.slice(4)) {
    const L = 13, d = 768;
    const head = createHead('ner', name, { hiddenSize: d, numLayers: L, numLabels: 9 }, 1);
    const s = await TrainingSession.create(head, resolveRuntime({ threads }));
    const input = new Float32Array((head.strategy.reads === 'all' ? L : 1) * rows * d).map(() => Math.random() * 2 - 1);
    const labels = Int32Array.from({ length: rows }, (_, i) => i % 9);
    const opt = new AdamW(head.parameters, { learningRate: 1e-3, weightDecay: 0.01 });
    const batch = { input, rows, offsets: Int32Array.of(0, rows), labels };
    for (let i = 0; i < 2; i++) { await s.gradients(batch); opt.step(); }
    let n = 0, tg = 0, ta = 0, tp = 0; const t0 = performance.now();
    while (performance.now() - t0 < 8000) { const a = performance.now(); await s.gradients(batch); const b = performance.now(); opt.step(); const c = performance.now(); await s.predict(batch); tp += performance.now() - c; ta += c - b; tg += b - a; n++; }
    console.log(`threads ${threads} ${name} ${rows}x${L}x${d} params ${head.parameterCount}: graph ${(tg / n).toFixed(1)} ms, adamw ${(ta / n).toFixed(1)} ms, predict ${(tp / n).toFixed(1)} ms`);
    await s.release();
  }
}
main();
