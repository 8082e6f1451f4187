/**
 * The linear-probe fitter (src/core/probing) against scikit-learn's LogisticRegression on the same features, and
 * against today's training path for the parameter-free heads (AdamW with early stopping, src/core/train).
 *
 *   npx tsx bench/probing.ts [--models tiny-bert-uncased,tiny-gpt2] [--sst2-rows 3000] [--conll-sentences 1000] [--tolerance 1e-4]
 *   npx tsx bench/probing.ts --sweep [--models …] [--limit 1000]
 *
 * --sweep times instead the layer sweep of issue 13's acceptance (`probe-lens sweep … --limit N`: every layer,
 * control task and MDL; SST-2 train/dev and CoNLL eng.train/eng.testa, the first N examples of each) with
 * features cached: a first sweep of layer 0 fills the cache, the second (timed) sweeps every layer.
 *
 * Features: each tiny encoder's last layer, as the reference protocol of reference/probe_baselines.json
 * (SST-2: the first 3,000 train rows, dev.tsv; CoNLL-2003: the first 1,000 eng.train sentences, eng.testa).
 * Both fitters see the very same float32 rows (written to a temporary file for Python) and stop at the same
 * tolerance (--tolerance: max |gradient| of the mean loss, scikit-learn's `tol`; default the product's 1e-4). The
 * grid columns walk the whole grid, as scikit-learn's loop does; "product walk" is the sweep's (it stops after
 * two strengths in a row below the best). scikit-learn runs with Debian's /usr/bin/python3; when it is missing
 * the script says "not available" and measures the rest.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readConllFile } from '../src/core/data/conll-reader';
import { readSentimentFile } from '../src/core/data/sentiment-reader';
import type { Dataset } from '../src/core/data/types';
import { loadEncoder } from '../src/core/encoders';
import { Tape, Tensor } from '../src/core/heads/autograd';
import { createHead } from '../src/core/heads/head';
import type { Task } from '../src/core/task';
import { DEFAULT_C_GRID, DEFAULT_GRADIENT_TOLERANCE, fitAndScore, fitLinearProbe, ProbeKernel, type ProbeSplit, SoftmaxRegression, standardizeSplits, sweepEncoder } from '../src/core/probing';
import { gatherLabels, labelOffsets } from '../src/core/train/batches';
import { type CachedFeatureSet, loadOrExtractFeatures } from '../src/core/train/features/feature-cache';
import { devMetricFor, labelsOf, taskData } from '../src/core/train/task-data';
import { trainProbes } from '../src/core/train/train-probes';

const SHARED = process.env.PROBE_LENS_SHARED ?? path.resolve(__dirname, '..', '..', 'shared');
const PYTHON = '/usr/bin/python3';

/** Fits scikit-learn's LogisticRegression for each C on the rows in `dir`, writes each C's dev predictions. */
const SKLEARN = `
import json, sys, time, warnings
import numpy as np
from sklearn.linear_model import LogisticRegression
d = sys.argv[1]
meta = json.load(open(d + '/meta.json'))
xt = np.fromfile(d + '/train.f32', dtype=np.float32).reshape(-1, meta['cols'])
yt = np.fromfile(d + '/train.i32', dtype=np.int32)
xd = np.fromfile(d + '/dev.f32', dtype=np.float32).reshape(-1, meta['cols'])
out = []
for C in meta['grid']:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        started = time.perf_counter()
        model = LogisticRegression(C=C, max_iter=meta['max_iter'], tol=meta['tol']).fit(xt, yt)
        seconds = time.perf_counter() - started
    model.predict(xd).astype(np.int32).tofile(d + '/pred-%s.i32' % C)
    out.append({'C': C, 'seconds': seconds, 'iterations': int(np.max(model.n_iter_)), 'converged': not any('converge' in str(w.message) for w in caught)})
print(json.dumps(out))
`;

interface Case {
  task: Task;
  strategy: string;
  train: ProbeSplit;
  dev: ProbeSplit;
  classes: number;
  metric: ReturnType<typeof devMetricFor>;
}

function sklearnAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
}

/** scikit-learn's dev score (scored by our metric) and fit seconds for each C; the best C on dev first. */
function sklearn(c: Case, grid: readonly number[], tolerance: number, work: string): { C: number; score: number; seconds: number; converged: boolean }[] {
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, 'meta.json'), JSON.stringify({ cols: c.train.cols, grid, max_iter: 1000, tol: tolerance }));
  fs.writeFileSync(path.join(work, 'train.f32'), c.train.x);
  fs.writeFileSync(path.join(work, 'train.i32'), c.train.labels);
  fs.writeFileSync(path.join(work, 'dev.f32'), c.dev.x);
  const run = spawnSync(PYTHON, ['-c', SKLEARN, work], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`scikit-learn failed: ${run.stderr}`);
  const fits = JSON.parse(run.stdout) as { C: number; seconds: number; converged: boolean }[];
  return fits.map((fit) => {
    const file = fs.readFileSync(path.join(work, `pred-${fit.C}.i32`));
    const predicted = new Int32Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    return { ...fit, score: c.metric(c.dev.labels, predicted, c.dev.offsets!) };
  });
}

interface OurFit {
  C: number;
  score: number;
  seconds: number;
  /** Dev score per C fitted. */
  scores: Map<number, number>;
}

/** Our fitter over `grid`; `gridPatience` Infinity walks the whole grid as scikit-learn's loop does, undefined is the product's walk. */
async function ours(c: Case, grid: readonly number[], kernel: ProbeKernel, tolerance: number, gridPatience?: number): Promise<OurFit> {
  const started = performance.now();
  const probe = await fitLinearProbe(c.train, c.dev, { classes: c.classes, metric: c.metric, kernel, grid, maxIterations: 1000, gradientTolerance: tolerance, gridPatience });
  return {
    C: probe.C,
    score: probe.devScore,
    seconds: (performance.now() - started) / 1000,
    scores: new Map(probe.grid.map((p) => [p.C, p.devScore])),
  };
}

/** Our fit at one C, from zeros; never throws (a fit that does not converge is reported so, with its score). */
async function oursAt(c: Case, C: number, kernel: ProbeKernel, tolerance: number): Promise<{ score: number; converged: boolean }> {
  const model = new SoftmaxRegression(c.train.cols, c.classes, kernel);
  const point = await fitAndScore(model, c.train, c.dev, { C, gradientTolerance: tolerance, maxIterations: 1000, metric: c.metric });
  return { score: point.devScore, converged: point.converged };
}

/** The last layer's vectors of a split for a strategy: pooled sentences, or words' token rows. */
async function caseRows(encoderDir: string, task: Task, train: Dataset, dev: Dataset, cacheDir: string): Promise<{ strategies: string[]; build: (strategy: string) => Case }> {
  const encoder = await loadEncoder(encoderDir, { cacheDir: path.join(cacheDir, 'encoders') });
  const labels = labelsOf(train);
  const splits = [taskData(train, labels), taskData(dev, labels)];
  const features: CachedFeatureSet[] = [];
  for (const split of splits) features.push(await loadOrExtractFeatures(encoder, split.source, { cacheDir: path.join(cacheDir, 'features') }));
  await encoder.dispose();
  const metric = devMetricFor(task, labels);
  const d = encoder.identity.hiddenSize;
  const rows = features.map((f) => f.read(Int32Array.from({ length: f.count }, (_, i) => i), [f.numLayers - 1]));
  const gold = splits.map((s, i) => gatherLabels(s.labels, Int32Array.from({ length: features[i].count }, (_, e) => e)));
  const offsets = splits.map((s, i) => labelOffsets(s.labels, Int32Array.from({ length: features[i].count }, (_, e) => e)));
  const strategies = task === 'sentiment' ? ['mean', 'max', 'cls', 'last'] : ['last'];
  return {
    strategies,
    build: (strategy) => {
      const vectors = rows.map((r) => {
        if (task === 'ner') return r.layers[0];
        const head = createHead('sentiment', strategy, { hiddenSize: d, numLayers: encoder.identity.layers + 1, numLabels: labels.length }, 0);
        return Float32Array.from(head.encode(new Tape(false), { layers: [new Tensor(r.layers[0], r.offsets[r.offsets.length - 1], d)], offsets: r.offsets }).vectors.data);
      });
      const split = (i: number): ProbeSplit => ({ x: vectors[i], rows: gold[i].length, cols: d, labels: gold[i], offsets: offsets[i] });
      return { task, strategy, train: split(0), dev: split(1), classes: labels.length, metric };
    },
  };
}

/** Today's path: trainProbes (standardised features, AdamW, early stopping on dev) for one parameter-free head. */
async function todays(encoderDir: string, task: Task, train: Dataset, dev: Dataset, strategy: string, cacheDir: string): Promise<{ score: number; seconds: number }> {
  const encoder = await loadEncoder(encoderDir, { cacheDir: path.join(cacheDir, 'encoders') });
  try {
    const result = await trainProbes({ encoder, task, train, dev, strategies: [strategy], outDir: path.join(cacheDir, 'probes'), cacheDir: path.join(cacheDir, 'features') });
    const probe = result.probes[0];
    return { score: task === 'sentiment' ? probe.metrics.accuracy : probe.metrics.f1, seconds: probe.trainMs / 1000 };
  } finally {
    await encoder.dispose();
  }
}

/** The load averages over 1, 5 and 15 minutes, as `uptime` prints them. */
function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

/** Issue 13's acceptance: full sweeps (every layer, control, MDL) with features cached, timed. */
async function sweepSpeed(models: readonly string[], limit: number): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-lens-sweep-bench-'));
  const lines = ['| model | task | train / dev examples | probes s | sweep s (wall) | load before → after |', '|---|---|---|---|---|---|'];
  try {
    for (const model of models) {
      const encoder = await loadEncoder(path.join(SHARED, 'models', model), { cacheDir: path.join(work, 'encoders') });
      try {
        const tasks: [Task, Dataset, Dataset][] = [
          ['sentiment', await readSentimentFile(path.join(SHARED, 'data', 'sst2', 'train.tsv'), { limit }), await readSentimentFile(path.join(SHARED, 'data', 'sst2', 'dev.tsv'), { limit })],
          ['ner', await readConllFile(path.join(SHARED, 'data', 'conll2003', 'eng.train'), { limit }), await readConllFile(path.join(SHARED, 'data', 'conll2003', 'eng.testa'), { limit })],
        ];
        for (const [task, train, dev] of tasks) {
          const labels = labelsOf(train);
          const request = { encoder, task, labels, train: taskData(train, labels), dev: taskData(dev, labels), cacheDir: path.join(work, 'features') };
          console.error(`${model} ${task}: filling the feature cache ...`);
          await sweepEncoder({ ...request, layers: [0], control: false, mdl: false });
          const before = load();
          const started = performance.now();
          const sweep = await sweepEncoder(request);
          const seconds = (performance.now() - started) / 1000;
          if (!sweep.featuresReused) throw new Error('the timed sweep extracted features');
          lines.push(`| ${model} | ${task} | ${sweep.trainExamples} / ${sweep.devExamples} | ${(sweep.durationMs / 1000).toFixed(1)} | ${seconds.toFixed(1)} | ${before} → ${load()} |`);
        }
      } finally {
        await encoder.dispose();
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { models: { type: 'string' }, 'sst2-rows': { type: 'string' }, 'conll-sentences': { type: 'string' }, sweep: { type: 'boolean' }, limit: { type: 'string' }, tolerance: { type: 'string' } },
  });
  const models = (values.models ?? 'tiny-bert-uncased,tiny-gpt2').split(',');
  if (values.sweep) return sweepSpeed(models, Number(values.limit ?? 1000));
  const tolerance = Number(values.tolerance ?? DEFAULT_GRADIENT_TOLERANCE);
  const sst2Rows = Number(values['sst2-rows'] ?? 3000);
  const conllSentences = Number(values['conll-sentences'] ?? 1000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-lens-probing-bench-'));
  const kernel = await ProbeKernel.open();
  const haveSklearn = sklearnAvailable();
  if (!haveSklearn) console.error(`scikit-learn: not available (${PYTHON} cannot import sklearn); measuring our fitter and today's path only.`);
  const p = (v: number | undefined) => (v === undefined ? 'n/a' : (100 * v).toFixed(2));
  const s = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(2));
  const lines = [
    '| model | task | strategy | ours C=1 raw | sklearn C=1 raw | ours grid (C) | sklearn grid (C) | max \\|Δ\\| per C | product walk (C) | today AdamW | fit s: ours grid / sklearn grid / today |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  try {
    for (const model of models) {
      const dir = path.join(SHARED, 'models', model);
      const tasks: [Task, Dataset, Dataset][] = [
        ['sentiment', await readSentimentFile(path.join(SHARED, 'data', 'sst2', 'train.tsv'), { limit: sst2Rows }), await readSentimentFile(path.join(SHARED, 'data', 'sst2', 'dev.tsv'))],
        ['ner', await readConllFile(path.join(SHARED, 'data', 'conll2003', 'eng.train'), { limit: conllSentences }), await readConllFile(path.join(SHARED, 'data', 'conll2003', 'eng.testa'))],
      ];
      for (const [task, train, dev] of tasks) {
        const { strategies, build } = await caseRows(dir, task, train, dev, work);
        for (const strategy of strategies) {
          console.error(`${model} ${task} ${strategy} ...`);
          const raw = build(strategy);
          const [trainStd, devStd] = standardizeSplits(raw.train, raw.dev);
          const standardized = { ...raw, train: trainStd, dev: devStd };
          const oursRaw = await oursAt(raw, 1, kernel, tolerance);
          const oursGrid = await ours(standardized, DEFAULT_C_GRID, kernel, tolerance, Infinity);
          const product = await ours(standardized, DEFAULT_C_GRID, kernel, tolerance);
          const skRaw = haveSklearn ? sklearn(raw, [1], tolerance, path.join(work, 'sk-raw'))[0] : undefined;
          const skGrid = haveSklearn ? sklearn(standardized, DEFAULT_C_GRID, tolerance, path.join(work, 'sk-grid')) : undefined;
          const skBest = skGrid?.reduce((a, b) => (b.score > a.score ? b : a));
          const deviation = skGrid?.reduce((worst, fit) => Math.max(worst, Math.abs(fit.score - (oursGrid.scores.get(fit.C) ?? NaN))), 0);
          const today = await todays(dir, task, train, dev, strategy, work);
          lines.push(
            `| ${model} | ${task} | ${strategy} | ${p(oursRaw.score)}${oursRaw.converged ? '' : ' (not conv.)'} | ${p(skRaw?.score)}${skRaw && !skRaw.converged ? ' (not conv.)' : ''} | ` +
              `${p(oursGrid.score)} (${oursGrid.C}) | ${skBest ? `${p(skBest.score)} (${skBest.C})` : 'n/a'} | ${p(deviation)} | ${p(product.score)} (${product.C}) | ${p(today.score)} | ` +
              `${s(oursGrid.seconds)} / ${s(skGrid?.reduce((sum, f) => sum + f.seconds, 0))} / ${s(today.seconds)} |`,
          );
        }
      }
    }
  } finally {
    await kernel.release();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(lines.join('\n'));
}

void main();
