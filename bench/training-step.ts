import { resolveRuntime } from '../src/core/encoders/session/session-options';
import { createHead } from '../src/core/heads/head';
import { Random } from '../src/core/random';
import { AdamW } from '../src/core/train/adamw';
import { defaultHyperparameters } from '../src/core/train/defaults';
import { PreparedInputs } from '../src/core/train/features/prepared-inputs';
import { trainingView } from '../src/core/train/views/training-view';
import type { TrainingView } from '../src/core/train/views/view';
import { memoryFeatures } from '../test/unit/train/memory-features';

/** One training step's shape: `rows` word rows of `layers` layer outputs (L + 1) of `hidden` values. */
export interface StepShape {
  rows: number;
  layers: number;
  hidden: number;
}

/** CoNLL's BIO tags: O plus B- and I- of four entity types (torch_heads.py's 9 labels). */
const LABELS = 9;
/** Words per sentence of the random batch: rows / WORDS sentences make one step's batch. */
const WORDS = 32;

export interface TrainingStep {
  /** One step: the head's training graph (loss and gradients) and the AdamW update; returns the loss. */
  run(): Promise<number>;
  /** Milliseconds spent so far in the graph and in AdamW. */
  readonly graphMs: number;
  readonly adamwMs: number;
  release(): Promise<void>;
}

/**
 * An NER head's training step on random features, run as the trainer runs it (trainHead): the head's training
 * view (its onnxruntime graph, fed standardised rows read from prepared inputs), then AdamW with the head's
 * default hyperparameters and the linear schedule. Every step is one batch of `shape.rows` word rows.
 */
export async function ourTrainingStep(strategy: string, shape: StepShape, threads: number, seed = 7): Promise<TrainingStep> {
  const { rows, layers, hidden } = shape;
  if (rows % WORDS !== 0) throw new Error(`a training step of ${rows} rows: make it a multiple of ${WORDS}`);
  const random = new Random(seed);
  const sentences = rows / WORDS;
  const rowCounts = new Int32Array(sentences).fill(WORDS);
  const data = Array.from({ length: sentences }, () => Float32Array.from({ length: layers * WORDS * hidden }, () => random.next() * 2 - 1));
  const labels = Array.from({ length: sentences }, () => Int32Array.from({ length: WORDS }, () => Math.floor(random.next() * LABELS)));
  const features = memoryFeatures('word-layers', hidden, layers, rowCounts, data);
  const head = createHead('ner', strategy, { hiddenSize: hidden, numLayers: layers, numLabels: LABELS }, seed);
  const inputs = new PreparedInputs({ features }, { features });
  let refused: string | undefined;
  const view: TrainingView = await trainingView(head, inputs, labels, { runtime: resolveRuntime({ threads }), log: (message) => (refused = message) });
  if (refused) {
    await view.finish();
    throw new Error(refused);
  }
  const hyperparameters = defaultHyperparameters('ner', strategy);
  const optimizer = new AdamW(head.parameters, hyperparameters);
  const examples = inputs.trainExamples;
  /** The trainer's linear schedule over a run far longer than any measurement. */
  const totalSteps = 1e6;
  let steps = 0;
  let graphMs = 0;
  let adamwMs = 0;
  return {
    async run() {
      const started = performance.now();
      const loss = await view.gradients(examples);
      const stepped = performance.now();
      optimizer.step(1 - steps++ / totalSteps);
      graphMs += stepped - started;
      adamwMs += performance.now() - stepped;
      if (!Number.isFinite(loss)) throw new Error(`a ${strategy} training step of ${rows} × ${layers} × ${hidden} gave a non-finite loss`);
      return loss;
    },
    get graphMs() {
      return graphMs;
    },
    get adamwMs() {
      return adamwMs;
    },
    release: () => view.finish(),
  };
}

/** Steps per second of `step` over a window of at least `seconds` (after two untimed steps), like torch_heads.py. */
export async function stepsPerSecond(step: TrainingStep, seconds: number): Promise<{ rate: number; steps: number; adamwShare: number }> {
  for (let i = 0; i < 2; i++) await step.run();
  const graphBefore = step.graphMs;
  const adamwBefore = step.adamwMs;
  const started = performance.now();
  let steps = 0;
  while (performance.now() - started < seconds * 1000) {
    await step.run();
    steps++;
  }
  const elapsed = (performance.now() - started) / 1000;
  const adamw = step.adamwMs - adamwBefore;
  return { rate: steps / elapsed, steps, adamwShare: adamw / (adamw + step.graphMs - graphBefore) };
}
