import { type OnnxRuntime, resolveRuntime } from '../../encoders/session/session-options';
import { TrainingSession } from '../../heads/graph/training-session';
import type { Head } from '../../heads/head';
import type { ExampleLabels } from '../batches';
import type { PreparedInputs } from '../features/prepared-inputs';
import { fixedVectorsView } from './fixed-vectors';
import { graphView } from './graph';
import { tapeView } from './tape';
import type { GradientPath, TrainingView } from './view';

export interface ViewOptions {
  path?: GradientPath;
  /** How the training graph runs (the encoder's threads and provider); default: every core but one, cpu. */
  runtime?: OnnxRuntime;
  /** Training examples per step (the graph predicts dev in batches as large); default 32. */
  batchSize?: number;
  /** Where a fallback to the tape is said. */
  log?: (message: string) => void;
}

/**
 * The view that computes the head's own math: fixed-vector heads fit only their classifier on vectors computed
 * once; other heads run their training graph in onnxruntime, or the eager tape on path 'tape' or when
 * onnxruntime refuses the graph (said through `log`).
 */
export async function trainingView(head: Head, inputs: PreparedInputs, trainLabels: ExampleLabels, options: ViewOptions = {}): Promise<TrainingView> {
  const path = options.path ?? 'graph';
  if (head.fixedVectors) return fixedVectorsView(head, inputs, trainLabels, path);
  if (path === 'tape') return tapeView(head, inputs, trainLabels);
  let session: TrainingSession;
  try {
    session = await TrainingSession.create(head, options.runtime ?? resolveRuntime());
  } catch (error) {
    options.log?.(`onnxruntime refused the training graph of the ${head.strategy.name} ${head.task} head (${(error as Error).message}); it trains in JavaScript, more slowly.`);
    return tapeView(head, inputs, trainLabels);
  }
  return graphView(head, session, inputs, trainLabels, options.batchSize ?? 32);
}
