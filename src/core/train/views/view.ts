/** How the training loop sees a head: gradients for training examples, predictions on dev, and a last step. */
export interface TrainingView {
  /**
   * Sets every parameter's gradient to that of the mean loss over these training examples (a subset of the
   * prepared inputs' trainExamples) and returns the loss.
   */
  gradients(examples: ArrayLike<number>): Promise<number>;
  /** Argmax label per dev row. */
  devPredictions(): Promise<Int32Array>;
  /** Called once the kept weights are restored; releases what the view holds. */
  finish(): Promise<void>;
}

/**
 * Where gradients are computed: 'graph' in onnxruntime (the head's training graph; fixed-vector heads fit their
 * classifier with the fused logistic regression), 'tape' eagerly in JavaScript — the oracle the graph is tested
 * against, and the fallback when onnxruntime refuses a head's graph.
 */
export type GradientPath = 'graph' | 'tape';
