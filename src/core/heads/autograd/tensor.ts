/**
 * A minimal reverse-mode autodiff over row-major matrices. Values are Float32Array in the product; the
 * gradient checks run the very same kernels on Float64Array (every op allocates its output like its input),
 * so finite differences are exact enough to judge the analytic gradients.
 */
export type Floats = Float32Array | Float64Array;

/** A zeroed array of n elements of the same precision as `like`. */
export function allocLike(like: Floats, n: number): Floats {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}

/** A [rows x cols] row-major matrix; `grad` is null when nothing upstream needs its gradient. */
export class Tensor {
  constructor(
    public data: Floats,
    readonly rows: number,
    readonly cols: number,
    public grad: Floats | null = null,
  ) {
    if (data.length !== rows * cols) throw new Error(`Tensor data has ${data.length} values, shape is ${rows}x${cols}`);
  }

  get size(): number {
    return this.rows * this.cols;
  }

  get requiresGrad(): boolean {
    return this.grad !== null;
  }
}

/** A trainable tensor: owns its gradient buffer, and says whether weight decay applies to it. */
export class Parameter extends Tensor {
  constructor(
    readonly name: string,
    data: Floats,
    rows: number,
    cols: number,
    readonly decay: boolean,
  ) {
    super(data, rows, cols, allocLike(data, data.length));
  }

  /** Switches precision in place (the gradient checks run heads in float64). */
  setPrecision(float64: boolean): void {
    this.data = float64 ? Float64Array.from(this.data) : Float32Array.from(this.data);
    this.grad = allocLike(this.data, this.data.length);
  }

  zeroGrad(): void {
    this.grad!.fill(0);
  }
}

/**
 * Records how to push gradients back through each op. With recording off (inference) ops skip both the
 * closures and the gradient buffers.
 */
export class Tape {
  private readonly steps: (() => void)[] = [];

  constructor(readonly recording: boolean = true) {}

  /** The output tensor of an op: it carries a gradient when recording and any input needs one. */
  output(data: Floats, rows: number, cols: number, inputs: readonly Tensor[]): Tensor {
    const needsGrad = this.recording && inputs.some((t) => t.requiresGrad);
    return new Tensor(data, rows, cols, needsGrad ? allocLike(data, data.length) : null);
  }

  /** Registers the backward step of an op whose output is `out`; nothing is kept if `out` needs no gradient. */
  record(out: Tensor, backward: () => void): void {
    if (out.requiresGrad) this.steps.push(backward);
  }

  /** Seeds d(loss)/d(loss) = 1 and runs every recorded step in reverse order. */
  backward(loss: Tensor): void {
    if (loss.size !== 1) throw new Error('backward() needs a scalar loss');
    if (!loss.grad) throw new Error('the loss does not depend on any parameter');
    loss.grad[0] = 1;
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]();
    this.steps.length = 0;
  }
}
