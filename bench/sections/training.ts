import * as os from 'node:os';
import type { Section } from '../context';
import { notAvailable, type Measurement } from '../measurement';
import { describeTorch, findTorch, runTorchHeads } from '../pytorch';
import { median, spread } from '../stats';
import { ourTrainingStep, stepsPerSecond, type StepShape } from '../training-step';

const ITEM = 'training';

function describeCase(head: string, shape: StepShape, threads: number): string {
  return `${head}, ${shape.rows} × ${shape.layers} × ${shape.hidden}, ${threads} thread${threads === 1 ? '' : 's'}`;
}

/** Per case (head, shape, threads): one value per round. */
class Rounds {
  private readonly values = new Map<string, number[]>();

  add(key: string, value: number): void {
    const list = this.values.get(key) ?? [];
    list.push(value);
    this.values.set(key, list);
  }

  get(key: string): number[] {
    return this.values.get(key) ?? [];
  }
}

/** numerator[i] / denominator[i] over the rounds both have. */
function pairedRatios(numerator: number[], denominator: number[]): number[] {
  return numerator.slice(0, denominator.length).map((value, i) => value / denominator[i]);
}

/**
 * Issue 11: DWAtt and Concat training steps per second (forward, backward, AdamW; one batch of token rows a
 * step) of ours — each head's onnxruntime training graph and AdamW, as the trainer runs them — against
 * PyTorch (../shared/tools/torch_heads.py, a child process) on the same shapes and thread counts, in the same
 * run. Rounds alternate who goes first, per thread count; ratios are paired round by round. Without PyTorch the
 * ratios say "not available" and ours are still measured.
 */
export const trainingSection: Section = {
  id: 'training',
  run: async ({ plan, log }) => {
    const { shapes, heads, threads, rounds, seconds, peerLines } = plan.training;
    const torch = await findTorch();
    const loadAtStart = os.loadavg()[0];
    const cases = shapes.flatMap((shape) => heads.map((head) => ({ head, shape })));
    const ours = new Rounds();
    const theirs = new Rounds();
    const adamwShares = new Rounds();
    const runOurs = async (count: number) => {
      for (const { head, shape } of cases) {
        const key = describeCase(head, shape, count);
        log(`training: ours, ${key}`);
        const step = await ourTrainingStep(head, shape, count);
        try {
          const { rate, adamwShare } = await stepsPerSecond(step, seconds);
          ours.add(key, rate);
          adamwShares.add(key, adamwShare);
        } finally {
          await step.release();
        }
      }
    };
    const runPeer = async (count: number) => {
      if (!torch.available) return;
      log(`training: PyTorch, ${count} thread${count === 1 ? '' : 's'}`);
      for (const rate of await runTorchHeads(count, peerLines)) {
        theirs.add(describeCase(rate.head, { rows: rate.rows, layers: rate.layers, hidden: rate.hidden }, rate.threads), rate.stepsPerSecond);
      }
    };
    for (let round = 0; round < rounds; round++) {
      for (const [i, count] of threads.entries()) {
        const sides = (round + i) % 2 === 0 ? [runOurs, runPeer] : [runPeer, runOurs];
        for (const side of sides) await side(count);
      }
    }

    const measurements: Measurement[] = [];
    const peer = torch.available ? describeTorch(torch) : 'PyTorch not available';
    for (const count of threads) {
      for (const { head, shape } of cases) {
        const key = describeCase(head, shape, count);
        const rates = ours.get(key);
        const peerRates = theirs.get(key);
        measurements.push({
          item: `${ITEM}: steps/s (ours)`,
          subject: key,
          value: median(rates),
          unit: 'steps/s',
          spread: spread(rates),
          details: {
            'PyTorch steps/s': peerRates.length > 0 ? median(peerRates) : 'not measured',
            'AdamW share of a step': median(adamwShares.get(key)),
            'load average at start': loadAtStart,
          },
        });
        const target = count === 1 ? ({ op: '>=', value: 1 } as const) : undefined;
        if (!torch.available) {
          measurements.push(notAvailable(`${ITEM}: ours / PyTorch`, key, 'ratio', torch.reason, target, 'not available'));
        } else if (peerRates.length > 0) {
          const ratio = spread(pairedRatios(rates, peerRates));
          measurements.push({ item: `${ITEM}: ours / PyTorch`, subject: key, value: ratio.median, unit: 'ratio', spread: ratio, target, details: { peer } });
        }
      }
    }
    if (threads.includes(1) && threads.includes(2)) {
      for (const { head, shape } of cases) {
        const ratio = spread(pairedRatios(ours.get(describeCase(head, shape, 2)), ours.get(describeCase(head, shape, 1))));
        const peer2 = theirs.get(describeCase(head, shape, 2));
        const peer1 = theirs.get(describeCase(head, shape, 1));
        measurements.push({
          item: `${ITEM}: 2 threads / 1 thread, steps/s (ours)`,
          subject: `${head}, ${shape.rows} × ${shape.layers} × ${shape.hidden}`,
          value: ratio.median,
          unit: 'ratio',
          spread: ratio,
          target: { op: '>=', value: 1 },
          details: {
            'PyTorch 2 / 1 threads': peer2.length > 0 && peer1.length > 0 ? median(pairedRatios(peer2, peer1)) : 'not measured',
            'load average at start': loadAtStart,
          },
        });
      }
    }
    return measurements;
  },
};
