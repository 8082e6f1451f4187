import { isCancelled } from '../core/errors';
import { compareText, type EncoderWithProbes } from '../core/compare';
import type { RequestContext } from './context';
import { encoderLabel } from '../core/encoder-label';
import type { CompareRequest, CompareResponse } from '../protocol/worker';
import { toWireError } from './wire-error';

/**
 * Loads each encoder (one at a time: the machine's cores go to one load) and its probes, then compares. An
 * encoder that cannot be loaded is reported and the others are still compared; when none loads, the first
 * error is the answer.
 */
export async function handleCompare(request: CompareRequest, context: RequestContext): Promise<CompareResponse> {
  const { runtime, signal } = context;
  const targets: EncoderWithProbes[] = [];
  const failed: Array<{ encoder: string; error: unknown }> = [];
  for (const [index, spec] of request.encoders.entries()) {
    const report = (message: string) => context.progress({ message, fraction: index / request.encoders.length });
    report(`Loading ${encoderLabel(spec.name)}`);
    try {
      const { encoder, loadMs } = await context.encoders.get(spec, runtime, report, signal);
      const started = performance.now();
      const { probes, skipped } = context.probes.get(runtime.probesRoot, encoder.identity);
      targets.push({ encoder, probes, skipped, loadMs: loadMs + (performance.now() - started) });
    } catch (error) {
      if (isCancelled(error)) throw error;
      failed.push({ encoder: spec.name, error });
    }
  }
  if (targets.length === 0) throw failed[0].error;
  context.progress({ message: 'Comparing strategies', fraction: 0.9 });
  const result = await compareText(request.text, targets, {
    pooling: request.pooling,
    fusion: request.fusion,
    maxChars: request.maxChars,
    maxCharsSource: 'the probeLens.maxCharacters setting',
    signal,
  });
  const failedEncoders = failed.map(({ encoder, error }) => ({ encoder, error: toWireError(error) }));
  for (const { encoder, error } of failedEncoders) result.notices.push(`${encoderLabel(encoder)} was left out: ${error.message}`);
  return { result, failedEncoders };
}
