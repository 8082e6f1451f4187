/**
 * `npm run bench [-- --quick] [-- --scale base] [-- --only forward,hover]`: measures Probe Lens against raw
 * onnxruntime-node, transformers.js and PyTorch, on the shared tiny encoders or (--scale base) random-weight
 * encoders at the sizes users run; prints a Markdown table on stdout and writes JSON into bench/results/. Exit code: 0 when every section ran (a missed target is a result, not a failure),
 * 1 when a section broke, 2 for bad arguments. Progress goes to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BATCH_SIZE } from '../src/core/encoders/encoder';
import { sessionOptions } from '../src/core/encoders/session/session-options';
import type { BenchContext, Section } from './context';
import { describeMachine } from './machine';
import type { Measurement } from './measurement';
import { benchPlan, SCALES, type Scale } from './plan';
import { prepareRealsizeModels } from './realsize';
import { markdown, writeJson, type BenchReport, type SectionFailure } from './report';
import { BASE_SCALE_SECTIONS, SECTIONS } from './sections';

const USAGE = `usage: npm run bench -- [--quick] [--scale ${SCALES.join('|')}] [--only ${SECTIONS.map((s) => s.id).join(',')}] [--fit-threads N]`;

interface Options {
  quick: boolean;
  scale: Scale;
  /** The sections to run (all when absent). */
  only?: Set<string>;
  /** Whether --only chose them (such a run does not replace latest-<mode>.json). */
  chosen: boolean;
  /** onnxruntime threads of the fitting section's children (default: the product's). */
  fitThreads?: number;
}

function parseArguments(argv: string[]): Options {
  let quick = false;
  let scale: Scale = 'tiny';
  let only: Set<string> | undefined;
  let fitThreads: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--only' && argv[i + 1]) only = new Set(argv[++i].split(','));
    else if (arg === '--fit-threads' && argv[i + 1]) {
      fitThreads = Number(argv[++i]);
      if (!(Number.isInteger(fitThreads) && fitThreads > 0)) throw new Error(`--fit-threads needs a positive whole number; ${USAGE}`);
    }
    else if (arg === '--scale' && argv[i + 1]) {
      const value = argv[++i];
      if (!SCALES.includes(value as Scale)) throw new Error(`unknown scale ${value}; scales: ${SCALES.join(', ')}`);
      scale = value as Scale;
    } else throw new Error(`unknown argument ${arg}; ${USAGE}`);
  }
  const unknown = [...(only ?? [])].filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.id).join(', ')}`);
  return { quick, scale, only: only ?? (scale === 'base' ? new Set(BASE_SCALE_SECTIONS) : undefined), chosen: only !== undefined, fitThreads };
}

async function runSections(sections: Section[], context: BenchContext): Promise<{ measurements: Measurement[]; failures: SectionFailure[] }> {
  const measurements: Measurement[] = [];
  const failures: SectionFailure[] = [];
  for (const section of sections) {
    const started = performance.now();
    try {
      measurements.push(...(await section.run(context)));
    } catch (error) {
      failures.push({ section: section.id, error: (error as Error).stack ?? String(error) });
    }
    context.log(`${section.id}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { measurements, failures };
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const startedAt = new Date();
  const machine = describeMachine();
  const log = (message: string) => console.error(`[bench] ${message}`);
  const failures: SectionFailure[] = [];
  let prepared: Awaited<ReturnType<typeof prepareRealsizeModels>> = { models: [], measurements: [] };
  if (options.scale === 'base') {
    try {
      prepared = await prepareRealsizeModels(log);
    } catch (error) {
      failures.push({ section: 'scale base (writing the encoders)', error: (error as Error).stack ?? String(error) });
    }
  }
  const plan = benchPlan(options.quick, options.scale, prepared.models, options.fitThreads);
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'probe-lens-bench-'));
  const context: BenchContext = { plan, scratchDir, log };
  const sections = SECTIONS.filter((s) => !options.only || options.only.has(s.id));
  try {
    const run = await runSections(sections, context);
    const measurements = [...prepared.measurements, ...run.measurements];
    failures.push(...run.failures);
    const { intraOpNumThreads, graphOptimizationLevel, executionMode, extra } = sessionOptions();
    const report: BenchReport = {
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      mode: `${plan.quick ? 'quick' : 'full'}${plan.scale === 'base' ? '-base' : ''}`,
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { intraOpNumThreads, graphOptimizationLevel, executionMode, extra, defaultBatchSize: DEFAULT_BATCH_SIZE },
      measurements,
      failures,
    };
    console.log(markdown(report));
    context.log(`JSON: ${writeJson(report, path.join(__dirname, 'results'), !options.chosen)}`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
