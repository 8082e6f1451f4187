import type { InferenceSession } from 'onnxruntime-node';

/**
 * Every onnxruntime setting Probe Lens uses, in one place so benchmarks can tune them.
 * threads: intra-op threads; 0 or undefined lets onnxruntime choose (one per physical core).
 */
export function sessionOptions(threads?: number): InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: threads && threads > 0 ? threads : 0,
    interOpNumThreads: 1,
    enableCpuMemArena: true,
    enableMemPattern: true,
    // Errors only: unused-initializer warnings of stock exports are noise to the user.
    logSeverityLevel: 3,
  };
}
