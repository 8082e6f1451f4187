import * as path from 'node:path';
import { defaultEncoders } from '../core/catalogue';
import { loadEncoder } from '../core/encoders/load-encoder';
import type { Encoder } from '../core/encoders/types';
import { ProbeLensError } from '../core/errors';
import { strategiesFor } from '../core/heads/registry';
import { compareText, type EncoderWithProbes } from '../core/probe';
import { probesDirFor } from '../core/probe-set';
import { integerOption, modelDtype, repeatedOption, stringOption, strategyOption, textArgument } from './args';
import { defaultProbesRoot, featuresDir } from './cli-paths';
import { UsageError, type Command, type ParsedArgs } from './command';
import { compareReport } from './compare-output';
import { findProbes, noProbesMessage, reportSkipped, type FoundProbes } from './encoder-probes';
import { loadOptionsFrom } from './global-options';
import { DEFAULT_FEW_SHOT, DefaultDataProvider, trainMissingProbes, type MissingProbesOptions } from './train-missing';
import { DEFAULT_SEED } from './training-files';

const { bert, gpt } = defaultEncoders();

/** Options that only make sense when probes may be trained. */
const TRAINING_OPTIONS = ['data-dir', 'few-shot', 'seed'];

/** Which folder holds each model's probes: --probes once per model, once for all, or the default root. */
function probesDirs(args: ParsedArgs, models: readonly string[], cacheDir: string | undefined): { dirs: string[]; perModel: boolean } {
  const given = repeatedOption(args, 'probes').map((dir) => path.resolve(dir));
  if (given.length > 1 && given.length !== models.length) {
    throw new UsageError(
      `Give --probes once (a folder for every model) or once per --model, in the same order; got ${given.length} ` +
        `--probes for ${models.length} model(s).`,
    );
  }
  if (given.length > 1) return { dirs: given, perModel: true };
  const root = given[0] ?? defaultProbesRoot(cacheDir);
  return { dirs: models.map(() => root), perModel: false };
}

/**
 * Where to train an encoder's missing probes: beside the probes it already has; else, in a folder given for
 * this model alone, right there; else (a root shared by several encoders) in its per-encoder subfolder.
 */
function trainingFolder(dir: string, found: FoundProbes, perModel: boolean, encoder: Encoder): string {
  if (found.probes.length > 0 || perModel) return found.folder;
  return probesDirFor(dir, encoder.identity);
}

export const compareCommand: Command = {
  name: 'compare',
  summary: "every strategy's sentiment and entities for a text, per encoder (--train-missing trains probes first)",
  help: `Usage: probe-lens compare [--model <id|dir>]... [--probes <dir>]... [--pooling <a,b>] [--fusion <a,b>]
                          [--max-chars N] [--train-missing [--data-dir <dir>] [--few-shot N] [--seed S]]
                          [--json] <text | ->

Runs each encoder once on the text and every trained probe on its hidden states: per pooling strategy the
sentiment label, its probabilities and margin (and for weighted pooling the tokens it weighs most); per
layer-fusion strategy the text with its entities marked, e.g. [Ada Lovelace]PER.

With --train-missing, probes an encoder does not have yet are trained first on few-shot samples of the
default datasets (SST-2 for sentiment, CoNLL-2003 for NER; downloaded once into <cache>/datasets, or read
from --data-dir), then the text is compared. A second run reuses them.

Options:
  -m, --model <id|dir>  an encoder; repeat to compare several (default: ${bert.id} and ${gpt.id})
  --dtype fp32|q8       which ONNX weights (default: q8 for catalogue hub ids, else fp32)
  --probes <dir>        folder of trained probes: once for all models (each model's probes in
                        <dir>/<encoder key> if that exists, else in <dir>), or once per --model, in order
                        (default: <cache>/probes, where --train-missing saves them)
  --pooling <list>      sentiment strategies to show, in order (default: every trained one)
                        ${strategiesFor('sentiment').join(', ')}
  --fusion <list>       NER strategies to show, in order (default: every trained one)
                        ${strategiesFor('ner').join(', ')}
  --max-chars N         cut a longer text at a word end (default: no limit)
  --train-missing       first train the probes of the strategies shown that an encoder lacks
  --data-dir <dir>      with --train-missing: use local copies of the default datasets, in the layout
                        sst2/train.tsv, sst2/dev.tsv, conll2003/eng.train, conll2003/eng.testa
  --few-shot N          with --train-missing: training examples (sentences) per task, and at most as many
                        dev ones (default ${DEFAULT_FEW_SHOT})
  --seed S              with --train-missing: seed of sampling and training (default ${DEFAULT_SEED})
  --json                print the result as JSON (the CompareResult the panel renders)`,
  options: {
    model: { type: 'string', short: 'm', multiple: true },
    dtype: { type: 'string' },
    probes: { type: 'string', multiple: true },
    pooling: { type: 'string' },
    fusion: { type: 'string' },
    'max-chars': { type: 'string' },
    'train-missing': { type: 'boolean' },
    'data-dir': { type: 'string' },
    'few-shot': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  },

  async run(args, io) {
    const trainMissing = args.values['train-missing'] === true;
    const stray = TRAINING_OPTIONS.find((name) => args.values[name] !== undefined);
    if (!trainMissing && stray) throw new UsageError(`--${stray} is used only with --train-missing.`);
    const given = repeatedOption(args, 'model');
    const models = given.length > 0 ? given : [bert.id, gpt.id];
    const loadOptions = loadOptionsFrom(args);
    const { dirs, perModel } = probesDirs(args, models, loadOptions.cacheDir);
    const pooling = strategyOption(args, 'pooling', 'sentiment');
    const fusion = strategyOption(args, 'fusion', 'ner');
    const maxChars = integerOption(args, 'max-chars', 1);
    const dataDir = stringOption(args, 'data-dir');
    const missingOptions: MissingProbesOptions = {
      strategies: { sentiment: pooling, ner: fusion },
      data: {
        ...(dataDir !== undefined ? { dataDir } : {}),
        cacheDir: loadOptions.cacheDir,
        offline: loadOptions.offline ?? false,
        sampleSize: integerOption(args, 'few-shot', 2) ?? DEFAULT_FEW_SHOT,
        seed: integerOption(args, 'seed', 0) ?? DEFAULT_SEED,
        signal: io.signal,
      },
      featuresDir: featuresDir(loadOptions.cacheDir),
      io,
    };
    const text = await textArgument(args, io, 'compare');
    if (text.trim() === '') throw new UsageError('The text is empty.');

    const provider = new DefaultDataProvider(missingOptions);
    const encoders: Encoder[] = [];
    const targets: EncoderWithProbes[] = [];
    const found: FoundProbes[] = [];
    try {
      for (const [i, model] of models.entries()) {
        const started = performance.now();
        const encoder = await loadEncoder(model, { ...loadOptions, dtype: modelDtype(args, model), signal: io.signal, onProgress: io.progress });
        encoders.push(encoder);
        let probes = findProbes(dirs[i], encoder.identity);
        reportSkipped(probes, io);
        let loadMs = performance.now() - started;
        if (trainMissing) {
          const outDir = trainingFolder(dirs[i], probes, perModel, encoder);
          if (await trainMissingProbes(encoder, probes, outDir, provider, missingOptions)) {
            const reloading = performance.now();
            probes = findProbes(dirs[i], encoder.identity);
            loadMs += performance.now() - reloading;
          }
        }
        found.push(probes);
        targets.push({ encoder, probes: probes.probes, skipped: probes.skipped, loadMs });
      }
      if (found.every((probes) => probes.probes.length === 0)) {
        const reasons = found.map((probes, i) => noProbesMessage(encoders[i].identity, probes));
        throw new ProbeLensError(reasons.join('\n'), 'probe');
      }
      const result = await compareText(text, targets, { pooling, fusion, maxChars, signal: io.signal });
      result.notices.forEach((notice) => io.note(notice));
      await io.write(args.values.json ? `${JSON.stringify(result)}\n` : compareReport(result));
    } finally {
      for (const encoder of encoders) await encoder.dispose();
    }
  },
};
