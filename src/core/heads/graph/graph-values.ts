import type { Standardizer } from '../standardizer';
import type { ParameterSpec } from '../strategy/parameters';
import type { GraphBuilder } from './graph-builder';
import type { GraphValue } from './graph-ops';

/** A parameter's tensor shape in a graph: [rows, cols], or [layers, rows, cols] when stacked. */
export function parameterShape(spec: ParameterSpec): number[] {
  return spec.layers === undefined ? [spec.rows, spec.cols] : [spec.layers, spec.rows, spec.cols];
}

/**
 * (x − mean) · scale with a probe's standardisation of the feature layers it reads: one layer for a matrix,
 * one per layer of a stack (as [layers x 1 x d] constants).
 */
export function standardized(g: GraphBuilder, x: GraphValue, standardizer: Standardizer, layers: readonly number[]): GraphValue {
  const d = x.cols;
  const stack = (parts: readonly Float32Array[]) => {
    const data = new Float32Array(layers.length * d);
    layers.forEach((l, n) => data.set(parts[l], n * d));
    return x.layers === undefined ? g.constant(data, [d], 'standard') : g.constant(data, [layers.length, 1, d], 'standard');
  };
  const name = g.op('Mul', [g.op('Sub', [x.name, stack(standardizer.mean)]), stack(standardizer.scale)]);
  return { ...x, name };
}
