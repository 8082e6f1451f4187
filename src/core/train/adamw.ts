import type { Floats, Parameter } from '../heads/autograd';

export interface AdamWOptions {
  learningRate: number;
  /** Decoupled weight decay (Loshchilov & Hutter): p ← p − lr·λ·p, applied only to parameters marked decay. */
  weightDecay: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** AdamW over a fixed list of parameters. Moments are kept in float64 so long runs do not drift with rounding. */
export class AdamW {
  private readonly first: Floats[];
  private readonly second: Floats[];
  private steps = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(
    private readonly parameters: readonly Parameter[],
    private readonly options: AdamWOptions,
  ) {
    this.first = parameters.map((p) => new Float64Array(p.size));
    this.second = parameters.map((p) => new Float64Array(p.size));
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  zeroGrad(): void {
    for (const p of this.parameters) p.zeroGrad();
  }

  /** One update from the gradients now in the parameters, at `rateScale` times the learning rate (a schedule). */
  step(rateScale = 1): void {
    this.steps++;
    const learningRate = this.options.learningRate * rateScale;
    const { weightDecay } = this.options;
    const { beta1, beta2, epsilon } = this;
    const correction1 = 1 - beta1 ** this.steps;
    const correction2 = 1 - beta2 ** this.steps;
    const stepSize = learningRate / correction1;
    this.parameters.forEach((p, index) => {
      const m = this.first[index];
      const v = this.second[index];
      const w = p.data;
      const g = p.grad!;
      const shrink = p.decay ? 1 - learningRate * weightDecay : 1;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        m[i] = beta1 * m[i] + (1 - beta1) * gi;
        v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
        w[i] = w[i] * shrink - (stepSize * m[i]) / (Math.sqrt(v[i] / correction2) + epsilon);
      }
    });
  }
}
