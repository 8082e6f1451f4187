/**
 * `npm run bench [-- --quick] [-- --only forward,hover]`: measures Probe Lens against raw onnxruntime-node,
 * transformers.js and TensorFlow.js on the shared tiny encoders; prints a Markdown table on stdout and writes
 * JSON into bench/results/. Exit code: 0 when every section ran (a missed target is a result, not a failure),
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
import { benchPlan } from './plan';
import { markdown, writeJson, type BenchReport, type SectionFailure } from './report';
import { SECTIONS } from './sections';

function parseArguments(argv: string[]): { quick: boolean; only?: Set<string> } {
  let quick = false;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--only' && argv[i + 1]) only = new Set(argv[++i].split(','));
    else throw new Error(`unknown argument ${arg}; usage: npm run bench -- [--quick] [--only ${SECTIONS.map((s) => s.id).join(',')}]`);
  }
  const unknown = [...(only ?? [])].filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.id).join(', ')}`);
  return { quick, only };
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
  let options: ReturnType<typeof parseArguments>;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const plan = benchPlan(options.quick);
  const startedAt = new Date();
  const machine = describeMachine();
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'probe-lens-bench-'));
  const context: BenchContext = { plan, scratchDir, log: (message) => console.error(`[bench] ${message}`) };
  const sections = SECTIONS.filter((s) => !options.only || options.only.has(s.id));
  try {
    const { measurements, failures } = await runSections(sections, context);
    const { intraOpNumThreads, graphOptimizationLevel, executionMode, extra } = sessionOptions();
    const report: BenchReport = {
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      mode: plan.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { intraOpNumThreads, graphOptimizationLevel, executionMode, extra, defaultBatchSize: DEFAULT_BATCH_SIZE },
      measurements,
      failures,
    };
    console.log(markdown(report));
    context.log(`JSON: ${writeJson(report, path.join(__dirname, 'results'), sections.length === SECTIONS.length)}`);
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
