import * as ort from 'onnxruntime-node';
import { ProbeLensError } from '../../errors';
import { EXECUTION_PROVIDERS, type ExecutionProvider, type OnnxRuntime, sessionOptions } from './session-options';

/**
 * The execution providers this onnxruntime build lists, of those Probe Lens can ask for; `bundled` is false for
 * one whose libraries must be installed beside it (CUDA).
 */
export function availableProviders(): { name: ExecutionProvider; bundled: boolean }[] {
  const listed = ort.listSupportedBackends();
  return EXECUTION_PROVIDERS.flatMap((name) => {
    const found = listed.find((b) => b.name === name);
    return name === 'cpu' || found ? [{ name, bundled: name === 'cpu' || found!.bundled }] : [];
  });
}

/** "cpu, webgpu, and cuda where its libraries are installed": the providers for a message. */
function describeProviders(): string {
  const providers = availableProviders();
  const bundled = providers.filter((p) => p.bundled).map((p) => p.name);
  const installable = providers.filter((p) => !p.bundled).map((p) => p.name);
  return bundled.join(', ') + (installable.length > 0 ? `, and ${installable.join(', ')} where its libraries are installed` : '');
}

/**
 * A session over `model` (a file or the bytes of a graph) with the runtime's options. A provider the build lacks,
 * or one that cannot start (a missing GPU library), is a clear error naming the providers there are; `what`
 * names the graph in it.
 */
export async function createSession(model: string | Uint8Array, runtime: OnnxRuntime, what: string): Promise<ort.InferenceSession> {
  const refuse = (why: string) => new ProbeLensError(`${why}. This onnxruntime build (${process.platform}-${process.arch}) has ${describeProviders()}.`, 'bad-input');
  if (!availableProviders().some((p) => p.name === runtime.provider)) {
    throw refuse(`The execution provider "${runtime.provider}" is not available`);
  }
  const options = sessionOptions(runtime.threads, runtime.provider);
  try {
    return typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
  } catch (error) {
    if (runtime.provider === 'cpu') throw error;
    throw refuse(`onnxruntime could not run ${what} on the ${runtime.provider} execution provider (${(error as Error).message.trim()})`);
  }
}
