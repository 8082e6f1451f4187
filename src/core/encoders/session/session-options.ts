import * as os from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';

/** onnxruntime's execution providers Probe Lens can ask for; which of them a build has depends on the platform. */
export const EXECUTION_PROVIDERS = ['cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

/** How every session of one encoder runs: the encoder's own, its heads' and their training graphs'. */
export interface OnnxRuntime {
  /** onnxruntime intra-op threads (resolved: at least 1). */
  threads: number;
  provider: ExecutionProvider;
}

/**
 * Intra-op threads when the caller does not say: every core but one, which is left to the editor, the
 * extension host and the heads. Measured with `npm run bench -- --only tuning` on the 2-core reference
 * machine (tiny BERT/GPT-2 fp32/q8; single texts of 64 and 256 tokens, batches of 32 sentences), shared with
 * other work (load 5-8): over three runs one thread took 1.13x the fastest setting's time on (geometric)
 * average, two threads 1.20x (with spin-waiting off, 1.20x too); only on an idle machine were two threads
 * faster, by about 1.3x. Extracting 1,000 SST-2 sentences took 0.5-0.8 of the time it took with
 * onnxruntime's own default (one thread per physical core). Re-checked after the decoder's LM head was
 * pruned (load 10-13): one thread 1.08x, two 1.60x, two without spin-waiting 1.39x. With the heads in
 * onnxruntime (load 3-4, other work niced): one thread 1.29x, two 1.02x. Over those five runs one thread
 * averages 1.15x and two 1.24x, and one thread's worst case is the milder: load decides, and a busy editor is
 * the case to protect.
 */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** The intra-op thread count for a requested one: a positive count as it is; 0 or none, defaultThreads(). */
export function resolveThreads(threads?: number): number {
  return threads === undefined || threads < 1 ? defaultThreads() : Math.floor(threads);
}

/** The runtime for requested settings: threads resolved (0 or none: every core but one), the CPU provider unless told. */
export function resolveRuntime(requested: { threads?: number; provider?: ExecutionProvider } = {}): OnnxRuntime {
  return { threads: resolveThreads(requested.threads), provider: requested.provider ?? 'cpu' };
}

/**
 * Every onnxruntime setting Probe Lens uses, in one place so benchmarks can tune them. The CPU provider stays
 * last, for the operators another provider lacks.
 */
export function sessionOptions(threads?: number, provider: ExecutionProvider = 'cpu'): InferenceSession.SessionOptions {
  return {
    executionProviders: provider === 'cpu' ? ['cpu'] : [provider, 'cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: resolveThreads(threads),
    interOpNumThreads: 1,
    enableCpuMemArena: true,
    enableMemPattern: true,
    // Errors only: unused-initializer warnings of stock exports are noise to the user.
    logSeverityLevel: 3,
  };
}
