import type { Section } from '../context';
import { buildOurDwattStep } from '../dwatt-ours';
import { buildDwattStep, useBackend, type DwattShape } from '../dwatt-tfjs';
import { interleave, pairedRatio, timesOf, type Contender } from '../interleave';
import type { Measurement } from '../measurement';
import { median } from '../stats';

/** CoNLL's BIO tags: O plus B- and I- of four entity types. */
const LABELS = 9;
const ITEM = 'DWAtt training';

/**
 * DWAtt training steps per second: the product's Float32Array kernels against the same model written with
 * TensorFlow.js (an autodiff library) on its cpu and wasm backends, same shapes, interleaved round by round.
 */
export const dwattSection: Section = {
  id: 'dwatt',
  run: async ({ plan, log }) => {
    const measurements: Measurement[] = [];
    for (const { stepsPerRound, rounds, ...size } of plan.dwatt.shapes) {
      const shape: DwattShape = { ...size, labels: LABELS };
      const subject = `${shape.tokens} tokens × ${shape.layers} layers × ${shape.hidden}`;
      log(`dwatt: ${subject}`);
      const steps = (step: () => number) => {
        for (let i = 0; i < stepsPerRound; i++) {
          if (!Number.isFinite(step())) throw new Error(`a DWAtt training step of ${subject} gave a non-finite loss`);
        }
      };
      const ours = buildOurDwattStep(shape);
      const contenders: Contender[] = [{ name: 'ours', run: () => steps(ours) }];
      for (const backend of ['cpu', 'wasm'] as const) {
        await useBackend(backend);
        const step = buildDwattStep(shape);
        contenders.push({
          name: `tfjs-${backend}`,
          run: async () => {
            await useBackend(backend);
            steps(step);
          },
        });
      }
      const times = await interleave(contenders, { warmup: 1, rounds });
      const rate = (name: string) => (stepsPerRound * 1000) / median(timesOf(times, name));
      measurements.push({
        item: `${ITEM} steps/s (ours)`,
        subject,
        value: rate('ours'),
        unit: 'steps/s',
        details: { 'tfjs-cpu steps/s': rate('tfjs-cpu'), 'tfjs-wasm steps/s': rate('tfjs-wasm') },
      });
      for (const backend of ['cpu', 'wasm']) {
        // Speed ratio = their time / our time: above 1, ours is faster.
        const spread = pairedRatio(times, `tfjs-${backend}`, 'ours');
        measurements.push({ item: `${ITEM} speed ours / tfjs-${backend}`, subject, value: spread.median, unit: 'ratio', spread });
      }
    }
    return measurements;
  },
};
