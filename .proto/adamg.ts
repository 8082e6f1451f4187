import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../src/core/heads/graph/graph-builder';
async function main() {
  const n = Number(process.argv[3] ?? 8_300_000), threads = Number(process.argv[2] ?? 1);
  const g = new GraphBuilder();
  const [P, G, M, V] = ['p', 'g', 'm', 'v'].map((x) => g.input(x, [n]));
  const h = g.input('h', [4]); // stepSize, invc2, shrink
  const at = (i: number) => g.op('Gather', [h, g.ints([i], [])], { axis: 0 });
  const m2 = g.op('Add', [g.op('Mul', [M, g.scalar(0.9)]), g.op('Mul', [G, g.scalar(0.1)])]);
  const v2 = g.op('Add', [g.op('Mul', [V, g.scalar(0.999)]), g.op('Mul', [g.op('Mul', [G, G]), g.scalar(0.001)])]);
  const den = g.op('Add', [g.op('Sqrt', [g.op('Mul', [v2, at(1)])]), g.scalar(1e-8)]);
  const p2 = g.op('Sub', [g.op('Mul', [P, at(2)]), g.op('Div', [g.op('Mul', [m2, at(0)]), den])]);
  g.output('p2', p2, [n]); g.output('m2', m2, [n]); g.output('v2', v2, [n]);
  const s = await ort.InferenceSession.create(g.toModel('adam'), { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' });
  const mk = () => new Float32Array(n).map(() => Math.random());
  const feeds = { p: new ort.Tensor('float32', mk(), [n]), g: new ort.Tensor('float32', mk(), [n]), m: new ort.Tensor('float32', mk(), [n]), v: new ort.Tensor('float32', mk(), [n]), h: new ort.Tensor('float32', Float32Array.of(1e-3, 1, 0.99, 0), [4]) };
  const fetches = { p2: new ort.Tensor('float32', new Float32Array(n), [n]), m2: new ort.Tensor('float32', new Float32Array(n), [n]), v2: new ort.Tensor('float32', new Float32Array(n), [n]) };
  for (let i = 0; i < 3; i++) await s.run(feeds, fetches);
  const t = performance.now(); for (let i = 0; i < 10; i++) await s.run(feeds, fetches);
  console.log('graph adamw', n, 'threads', threads, ((performance.now() - t) / 10).toFixed(2), 'ms');
}
main();
