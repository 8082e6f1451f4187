import * as path from 'node:path';
import { loadEncoder } from '../core/encoders/load-encoder';
import { strategiesFor } from '../core/heads/registry';
import { trainProbes } from '../core/train/train-probes';
import { modelDtype, integerOption, noPositionals, requiredString, stringOption, strategyOption, taskOption } from './args';
import type { Command } from './command';
import { featuresDir } from './cli-paths';
import { encoderLabel } from './encoder-label';
import { loadOptionsFrom } from './global-options';
import { TrainingProgressView } from './progress-bar';
import { trainJson, trainTable } from './train-output';
import { DEFAULT_SEED, readTrainingFiles } from './training-files';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train probe heads (pooling for sentiment, layer fusion for NER) on an encoder and report dev scores',
  help: `Usage: probe-lens train --model <id|dir> --task sentiment|ner --train <file> [--dev <file>]
                        [--heads <a,b,...>] [--limit N] [--few-shot N] [--seed S] --out <dir> [--json]

Extracts the encoder's features of the data once (cached under <cache>/features), then trains one probe
per strategy and saves it in <out>/<task>-<strategy> (config.json + weights.safetensors, written whole or
not at all: Ctrl-C leaves only complete probes). Prints each head's dev scores (sentiment: accuracy and
macro-F1; NER: entity-level F1, precision, recall, exact span match) and parameter count.

Data: sentiment files are TSV, CSV (with a header; text column "sentence" or "text", label column "label")
or JSON lines; NER files are CoNLL columns (word first, tag last, IOB1 or IOB2).

Options:
  -m, --model <id|dir>  hub id (e.g. Xenova/bert-base-uncased) or model folder
  --dtype fp32|q8       which ONNX weights (default: q8 for catalogue hub ids, else fp32)
  --task <task>         sentiment (pooling heads) or ner (layer-fusion heads)
  --train <file>        training data
  --dev <file>          dev data for early stopping and the reported scores (default: 10% of --train held out)
  --heads <list>        strategies to train, comma-separated (default: all of the task's)
                        sentiment: ${strategiesFor('sentiment').join(', ')}
                        ner:       ${strategiesFor('ner').join(', ')}
  --limit N             read only the first N examples (sentences) of each file
  --few-shot N          train on a stratified sample of N examples (sentences) of --train
  --seed S              seed of the sampling, the held-out split and the heads' initialisation (default ${DEFAULT_SEED})
  --out <dir>           folder to save the probes in
  --json                print a JSON summary instead of the table`,
  options: {
    model: { type: 'string', short: 'm' },
    dtype: { type: 'string' },
    task: { type: 'string' },
    train: { type: 'string' },
    dev: { type: 'string' },
    heads: { type: 'string' },
    limit: { type: 'string' },
    'few-shot': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },

  async run(args, io) {
    noPositionals(args);
    const model = requiredString(args, 'model', 'the encoder to train probes for');
    const task = taskOption(args);
    const trainFile = requiredString(args, 'train', 'the training data file');
    const outDir = path.resolve(requiredString(args, 'out', 'the folder to save the probes in'));
    const devFile = stringOption(args, 'dev');
    const strategies = strategyOption(args, 'heads', task) ?? strategiesFor(task);
    const limit = integerOption(args, 'limit', 1);
    const fewShot = integerOption(args, 'few-shot', 1);
    const seed = integerOption(args, 'seed', 0) ?? DEFAULT_SEED;
    const dtype = modelDtype(args, model);
    // Recorded in each probe's config.json: how much of the data it saw.
    const sampled = fewShot ?? limit;

    const data = await readTrainingFiles(task, trainFile, devFile, { limit, fewShot, seed });
    data.notices.forEach((notice) => io.note(notice));
    const loadOptions = loadOptionsFrom(args);
    const encoder = await loadEncoder(model, { ...loadOptions, dtype, signal: io.signal, onProgress: io.progress });
    const view = new TrainingProgressView(io, `${encoderLabel(encoder.identity.name)} · ${task}`, task, strategies, data.dev !== undefined);
    try {
      const result = await trainProbes({
        encoder,
        task,
        train: data.train,
        ...(data.dev ? { dev: data.dev } : {}),
        strategies,
        outDir,
        cacheDir: featuresDir(loadOptions.cacheDir),
        seed,
        ...(sampled !== undefined ? { limit: sampled } : {}),
        signal: io.signal,
        onEvent: (event) => view.onEvent(event),
      });
      await io.write(args.values.json ? trainJson(encoder.identity, result, data) : trainTable(encoder.identity, result, data, outDir));
    } finally {
      view.finish();
      await encoder.dispose();
    }
  },
};
