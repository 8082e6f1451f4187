import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../src/core/heads/graph/graph-builder';
async function main() {
  const n = Number(process.argv[2] ?? 116000);
  for (const variant of ['mul-scalar', 'add-2', 'sqrt']) {
    const g = new GraphBuilder();
    const [A, B] = ['a', 'b'].map((x) => g.input(x, [n]));
    let y = A;
    for (let i = 0; i < 12; i++) y = variant === 'mul-scalar' ? g.op('Mul', [y, g.scalar(0.999)]) : variant === 'add-2' ? g.op('Add', [y, B]) : g.op('Sqrt', [y]);
    g.output('y', y, [n]);
    const s = await ort.InferenceSession.create(g.toModel('ew'), { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' });
    const feeds = { a: new ort.Tensor('float32', new Float32Array(n).fill(1.5), [n]), b: new ort.Tensor('float32', new Float32Array(n).fill(0.5), [n]) };
    for (let i = 0; i < 5; i++) await s.run(feeds);
    const t = performance.now(); const R = 50; for (let i = 0; i < R; i++) await s.run(feeds);
    const ms = (performance.now() - t) / R;
    console.log(variant, n, ms.toFixed(3), 'ms per 12 ops', (ms * 1e6 / 12 / n).toFixed(2), 'ns/el');
  }
}
main();
