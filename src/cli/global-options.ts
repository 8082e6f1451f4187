import { EXECUTION_PROVIDERS, type ExecutionProvider } from '../core/encoders/session/session-options';
import type { LoadOptions } from '../core/encoders/types';
import { UsageError, type OptionSpecs, type ParsedArgs } from './command';

/** Options every command accepts; each also has an environment variable, so settings need no flags. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  offline: { type: 'boolean' },
  'models-root': { type: 'string' },
  'cache-dir': { type: 'string' },
  'remote-host': { type: 'string' },
  threads: { type: 'string' },
  'execution-provider': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const GLOBAL_HELP = `Global options:
  --offline             never use the network: hub ids come from the models root or the cache
                        (env PROBE_LENS_OFFLINE=1)
  --models-root <dir>   folder searched for hub ids as <dir>/<org>/<name> before the hub
                        (env PROBE_LENS_MODELS_ROOT)
  --cache-dir <dir>     hub downloads and rewritten models (env PROBE_LENS_CACHE_DIR,
                        default ~/.cache/probe-lens)
  --remote-host <url>   hub server to download from (env HF_ENDPOINT, default https://huggingface.co/)
  --threads <n>         onnxruntime threads (default, or 0: every core but one, at least 1)
  --execution-provider <p>  onnxruntime's execution provider for the encoder and the heads:
                        ${EXECUTION_PROVIDERS.join(', ')} (default cpu; the others where this build has them)
  -h, --help            show help`;

function stringValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

function threads(args: ParsedArgs): number | undefined {
  const given = stringValue(args, 'threads');
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--threads takes a whole number >= 0, not "${given}".`);
  return n;
}

function provider(args: ParsedArgs): ExecutionProvider | undefined {
  const given = stringValue(args, 'execution-provider');
  if (given === undefined) return undefined;
  if (!(EXECUTION_PROVIDERS as readonly string[]).includes(given)) {
    throw new UsageError(`--execution-provider takes one of ${EXECUTION_PROVIDERS.join(', ')}, not "${given}".`);
  }
  return given as ExecutionProvider;
}

/** The global options as LoadOptions: flags first, then environment variables. */
export function loadOptionsFrom(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const offlineEnv = env.PROBE_LENS_OFFLINE;
  return {
    offline: args.values.offline === true || offlineEnv === '1' || offlineEnv === 'true',
    modelsRoot: stringValue(args, 'models-root') ?? (env.PROBE_LENS_MODELS_ROOT || undefined),
    cacheDir: stringValue(args, 'cache-dir'),
    remoteHost: stringValue(args, 'remote-host'),
    threads: threads(args),
    provider: provider(args),
  };
}
