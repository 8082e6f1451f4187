import type { TensorValueInfo } from '../../encoders/onnx/add-outputs';
import { TensorElemType, type OnnxDim } from '../../encoders/onnx/graph';
import {
  encodeModel,
  type OnnxAttributeValue,
  type OnnxInitializer,
  type OnnxNodeSpec,
} from '../../encoders/onnx/write-model';

/** Opset 20: the first with Gelu (its tanh form is one node instead of seven); Reduce* take axes as an input. */
export const HEADS_OPSET = 20;

/**
 * Builds an ONNX graph op by op: each call adds a node or a constant and returns the name of the tensor it
 * produces, so graph code reads like the JS forward it mirrors.
 */
export class GraphBuilder {
  private readonly nodes: OnnxNodeSpec[] = [];
  private readonly initializers: OnnxInitializer[] = [];
  private readonly inputs: TensorValueInfo[] = [];
  private readonly outputs: TensorValueInfo[] = [];
  private readonly scalars = new Map<number, string>();
  private counter = 0;

  private fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  input(name: string, dims: OnnxDim[], elemType: number = TensorElemType.float): string {
    this.inputs.push({ name, dims, elemType });
    return name;
  }

  /** A float constant of the given shape (copied, so later changes to `data` do not leak in). */
  constant(data: ArrayLike<number>, dims: number[], hint = 'const'): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, data: Float32Array.from(data) });
    return name;
  }

  /** An int64 constant (indices, shapes, axes). */
  ints(values: readonly number[], dims: number[] = [values.length], hint = 'ints'): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, data: BigInt64Array.from(values, (v) => BigInt(v)) });
    return name;
  }

  /** A float scalar, shared by every use of the same value. */
  scalar(value: number): string {
    let name = this.scalars.get(value);
    if (!name) {
      name = this.constant([value], [], 'scalar');
      this.scalars.set(value, name);
    }
    return name;
  }

  op(opType: string, inputs: string[], attributes?: Record<string, OnnxAttributeValue>): string {
    return this.opWithOutputs(opType, inputs, 1, attributes)[0];
  }

  /** A node with several outputs (e.g. LayerNormalization's mean and inverse deviation). */
  opWithOutputs(opType: string, inputs: string[], count: number, attributes?: Record<string, OnnxAttributeValue>): string[] {
    const outputs = Array.from({ length: count }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({ opType, inputs, outputs, attributes });
    return outputs;
  }

  /** Exposes `tensor` as the graph output `name` (float unless told). */
  output(name: string, tensor: string, dims: OnnxDim[], elemType: number = TensorElemType.float): void {
    this.nodes.push({ opType: 'Identity', inputs: [tensor], outputs: [name] });
    this.outputs.push({ name, dims, elemType });
  }

  get outputCount(): number {
    return this.outputs.length;
  }

  toModel(name: string): Uint8Array {
    return encodeModel({
      name,
      opset: HEADS_OPSET,
      inputs: this.inputs,
      outputs: this.outputs,
      nodes: this.nodes,
      initializers: this.initializers,
    });
  }
}
