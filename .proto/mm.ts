import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '/work/wt-heads/src/core/heads/onnx/graph-builder';
async function main() {
  const L = 13, N = 512, d = 768, w = 384;
  const g = new GraphBuilder();
  const x = g.input('x', [L, N, d]);
  const W = g.input('w', [L, d, w]);
  const y = g.op('MatMul', [x, W]);
  const dy = g.op('Transpose', [x], { perm: [0, 2, 1] });
  const dw = g.op('MatMul', [dy, y]);
  g.output('y', y, [L, N, w]);
  g.output('dw', dw, [L, d, w]);
  const s = await ort.InferenceSession.create(g.toModel('mm'), { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' });
  const xs = new Float32Array(L * N * d).map(() => Math.random());
  const ws = new Float32Array(L * d * w).map(() => Math.random());
  const feeds = { x: new ort.Tensor('float32', xs, [L, N, d]), w: new ort.Tensor('float32', ws, [L, d, w]) };
  for (let i = 0; i < 2; i++) await s.run(feeds);
  const t0 = performance.now(); const n = 5;
  for (let i = 0; i < n; i++) await s.run(feeds);
  const ms = (performance.now() - t0) / n;
  console.log('ms/run', ms.toFixed(1), 'GFLOP/s', (2 * 2 * L * N * d * w / ms / 1e6).toFixed(1));
}
main();
