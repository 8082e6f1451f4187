/**
 * DWAtt training written with an autodiff library (TensorFlow.js, CPU and WASM backends), as the reference
 * the issue asks us to measure our hand-written Float32Array kernels against. Only the benchmark uses it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// The chained API (x.matMul(...)) is opt-in in tfjs-core.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as path from 'node:path';

export interface DwattShape {
  tokens: number;
  layers: number; // L + 1
  hidden: number;
  labels: number;
}

const DEPTH_EMBEDDING = 24;

function layerNorm(x: tf.Tensor2D, gain: tf.Variable, bias: tf.Variable): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(gain).add(bias) as tf.Tensor2D;
}

function gelu(x: tf.Tensor2D): tf.Tensor2D {
  // tanh form, the same as the product kernels
  const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(0.5).mul(inner.tanh().add(1)) as tf.Tensor2D;
}

function bottleneck(hidden: number) {
  const mid = Math.max(1, Math.round(hidden / 2));
  const u = tf.variable(tf.randomNormal([hidden, mid], 0, 0.02));
  const g = tf.variable(tf.ones([mid]));
  const b = tf.variable(tf.zeros([mid]));
  const w = tf.variable(tf.randomNormal([mid, hidden], 0, 0.02));
  return (x: tf.Tensor2D) => layerNorm(gelu(x.matMul(u) as tf.Tensor2D), g, b).matMul(w) as tf.Tensor2D;
}

/** Builds a DWAtt head + linear classifier and returns a function running one AdamW-like (Adam) step. */
export function buildDwattStep(shape: DwattShape): () => number {
  const { layers, hidden, labels } = shape;
  const fQ = bottleneck(hidden);
  const fV = Array.from({ length: layers }, () => bottleneck(hidden));
  const lnV = Array.from({ length: layers }, () => [tf.variable(tf.ones([hidden])), tf.variable(tf.zeros([hidden]))]);
  const depth = tf.variable(tf.randomUniform([layers, DEPTH_EMBEDDING]));
  const wK = tf.variable(tf.randomNormal([DEPTH_EMBEDDING, hidden], 0, 0.02));
  const wC = tf.variable(tf.randomNormal([hidden, labels], 0, 0.02));
  const bC = tf.variable(tf.zeros([labels]));
  const z = Array.from({ length: layers }, () => tf.randomNormal([shape.tokens, hidden]) as tf.Tensor2D);
  const y = tf.oneHot(tf.randomUniform([shape.tokens], 0, labels, 'int32') as tf.Tensor1D, labels);
  const optimizer = tf.train.adam(1e-3);

  return () => {
    const loss = optimizer.minimize(() => {
      const zL = z[layers - 1];
      const q = tf.elu(zL.add(fQ(zL))).add(1) as tf.Tensor2D; // tokens x hidden
      const keys = depth.matMul(wK); // layers x hidden
      const alpha = tf.softmax(q.matMul(keys.transpose())); // tokens x layers
      const values = z.map((zn, n) => layerNorm(fV[n](zn), lnV[n][0], lnV[n][1]));
      const stacked = tf.stack(values, 1); // tokens x layers x hidden
      const mixed = alpha.expandDims(2).mul(stacked).sum(1) as tf.Tensor2D;
      const logits = zL.add(mixed).matMul(wC).add(bC);
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    }, true);
    const value = loss ? loss.dataSync()[0] : NaN;
    loss?.dispose();
    return value;
  };
}

export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), path.sep));
  }
  await tf.setBackend(name);
  await tf.ready();
}
