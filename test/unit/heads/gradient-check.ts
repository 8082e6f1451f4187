import { Tape, type Parameter, type Tensor } from '../../../src/core/heads/autograd';
import { Random } from '../../../src/core/random';

export interface GradientCheckReport {
  /** Largest |analytic − numeric| / (|analytic| + |numeric|) over the checked entries. */
  maxRelativeError: number;
  worst: string;
  checked: number;
}

/**
 * Central finite differences against the tape's gradients, in float64 (the parameters must already be
 * float64: Parameter.setPrecision(true)). Checks up to `perParameter` entries of each parameter, chosen with a
 * seeded PRNG. Entries whose gradients are both below 1e-7 count as agreeing: there the finite-difference
 * rounding noise (~1e-11 at ε = 1e-5) is no longer small relative to the value.
 */
export function checkGradients(
  parameters: readonly Parameter[],
  loss: (tape: Tape) => Tensor,
  perParameter = 12,
  epsilon = 1e-5,
): GradientCheckReport {
  for (const p of parameters) {
    if (!(p.data instanceof Float64Array)) throw new Error(`${p.name} is not float64`);
    p.zeroGrad();
  }
  const tape = new Tape();
  tape.backward(loss(tape));
  const analytic = parameters.map((p) => Float64Array.from(p.grad!));
  const evaluate = () => loss(new Tape(false)).data[0];
  const random = new Random(7);
  const entries = (p: Parameter) =>
    p.size <= perParameter ? Array.from({ length: p.size }, (_, i) => i) : Array.from({ length: perParameter }, () => random.int(p.size));
  return compareWithFiniteDifferences(parameters, analytic, evaluate, entries, epsilon);
}

/**
 * Compares `analytic` (one array per parameter) with central differences of `evaluate` at the `entries` of each
 * parameter, restoring every value it moves.
 */
export function compareWithFiniteDifferences(
  parameters: readonly Parameter[],
  analytic: readonly Float64Array[],
  evaluate: () => number,
  entries: (p: Parameter) => readonly number[],
  epsilon = 1e-5,
): GradientCheckReport {
  const report: GradientCheckReport = { maxRelativeError: 0, worst: '', checked: 0 };
  parameters.forEach((p, index) => {
    for (const i of entries(p)) {
      const saved = p.data[i];
      p.data[i] = saved + epsilon;
      const up = evaluate();
      p.data[i] = saved - epsilon;
      const down = evaluate();
      p.data[i] = saved;
      const numeric = (up - down) / (2 * epsilon);
      const a = analytic[index][i];
      report.checked++;
      if (Math.abs(a) < 1e-7 && Math.abs(numeric) < 1e-7) continue;
      const error = Math.abs(a - numeric) / (Math.abs(a) + Math.abs(numeric));
      if (error > report.maxRelativeError) {
        report.maxRelativeError = error;
        report.worst = `${p.name}[${i}]: analytic ${a}, numeric ${numeric}`;
      }
    }
  });
  return report;
}
