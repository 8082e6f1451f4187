import { toCsv } from '../core/csv';
import { prepareTrainingData } from '../core/data/training-data';
import { loadEncoder } from '../core/encoders/load-encoder';
import { encoderLabels } from '../core/experiments/provenance';
import { ProbeLensError } from '../core/errors';
import { DEFAULT_SEED } from '../core/random';
import { DEFAULT_C_GRID, DEFAULT_GRADIENT_TOLERANCE, DEFAULT_MAX_ITERATIONS, type EncoderSweep, sweepEncoder, sweepStrategies } from '../core/probing';
import { checkSweepStrategy } from '../core/probing/layer-sweep';
import { checkTask, labelsOf, taskData } from '../core/train/task-data';
import { integerOption, listOption, modelDtype, noPositionals, repeatedOption, requiredString, seedOption, stringOption, taskOption } from './args';
import { featuresDir } from './cli-paths';
import { UsageError, type Command, type ParsedArgs } from './command';
import { loadOptionsFrom } from './global-options';
import { SweepProgressView } from './sweep-progress';
import { sweepCsv, sweepJson, sweepText } from './sweep-output';

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'probe every layer: a linear probe per layer, best and expected layer, control-task selectivity, MDL',
  help: `Usage: probe-lens sweep --model <id|dir> [--model <id|dir> ...] --task sentiment|ner --train <file> --dev <file>
                        [--strategies <a,b>] [--layers <list>] [--limit N] [--few-shot N] [--seed S] [--grid <C,C,...>]
                        [--max-iterations N] [--no-control] [--no-mdl] [--json | --csv]

Fits one linear probe per layer of each encoder (the embeddings output is layer 0): L2-regularised softmax
regression fitted to convergence on the whole training set (L-BFGS), its strength C picked on dev from the
grid. Sentiment: one probe per layer for each parameter-free pooling (${sweepStrategies('sentiment').join(', ')}).
NER: one token probe per layer (each word's first subword). Prints the dev score per layer, the best layer
and Tenney et al.'s expected layer (the centre of gravity of the score gained per layer), then:
  control     Hewitt & Liang's control task: every sentence (sentiment) or word type (NER) gets a random
              label with the real labels' distribution; selectivity = task − control dev accuracy (per word
              for NER, per sentence for sentiment), both fitted with the C where the task's accuracy is best
  MDL         Voita & Titov's online code length of the training labels (kbits) and its compression
              against the uniform code
Features of every layer are extracted once per encoder and file (cached under <cache>/features).

Options:
  -m, --model <id|dir>    an encoder; repeat for several (one sweep each)
  --dtype fp32|q8         which ONNX weights (default: q8 for catalogue hub ids, else fp32)
  --task <task>           sentiment or ner
  --train <file>          training data (sentiment: TSV/CSV/JSONL; NER: CoNLL columns, IOB1 or IOB2)
  --dev <file>            dev data: C and the scores are chosen and measured on it
  --strategies <list>     sentiment poolings to sweep (default: ${sweepStrategies('sentiment').join(',')})
  --layers <list>         layers to probe, e.g. 0,6 (default: every layer; 0 is the embeddings output)
  --limit N               read only the first N examples (sentences) of each file
  --few-shot N            sweep on a stratified sample of N training examples (sentences)
  --seed S                seed of the sampling, the control labels and the MDL order (default ${DEFAULT_SEED})
  --grid <list>           C values to try (default ${DEFAULT_C_GRID.join(',')}; tolerance ${DEFAULT_GRADIENT_TOLERANCE})
  --max-iterations N      L-BFGS iterations per fit before it counts as not converged (default ${DEFAULT_MAX_ITERATIONS})
  --no-control            skip the control task (and selectivity)
  --no-mdl                skip the MDL code length
  --json                  print every number as JSON
  --csv                   print one CSV table: a row per encoder, strategy and layer`,
  options: {
    model: { type: 'string', short: 'm', multiple: true },
    dtype: { type: 'string' },
    task: { type: 'string' },
    train: { type: 'string' },
    dev: { type: 'string' },
    strategies: { type: 'string' },
    layers: { type: 'string' },
    limit: { type: 'string' },
    'few-shot': { type: 'string' },
    seed: { type: 'string' },
    grid: { type: 'string' },
    'max-iterations': { type: 'string' },
    'no-control': { type: 'boolean' },
    'no-mdl': { type: 'boolean' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  },

  async run(args, io) {
    noPositionals(args);
    const models = repeatedOption(args, 'model');
    if (models.length === 0) throw new UsageError('--model is required: the encoder(s) whose layers to probe (repeat --model for several).');
    const task = taskOption(args);
    const trainFile = requiredString(args, 'train', 'the training data file');
    const devFile = requiredString(args, 'dev', 'the dev data the regularisation is chosen and the layers are scored on');
    if (args.values.json && args.values.csv) throw new UsageError('Choose one of --json and --csv.');
    const strategies = sweepStrategyOption(args, task);
    const grid = gridOption(args);
    const layers = layersOption(args);
    const maxIterations = integerOption(args, 'max-iterations', 1);
    const seed = seedOption(args) ?? DEFAULT_SEED;
    const source = { kind: 'files' as const, train: trainFile, dev: devFile };
    const data = await prepareTrainingData(task, source, { limit: integerOption(args, 'limit', 1), fewShot: integerOption(args, 'few-shot', 1), seed, offline: true });
    data.notices.forEach((notice) => io.note(notice));
    const dev = data.dev;
    checkTask(data.train, task, 'training');
    checkTask(dev, task, 'dev');
    const labels = labelsOf(data.train);
    const train = taskData(data.train, labels);
    const devData = taskData(dev, labels);

    const loadOptions = loadOptionsFrom(args);
    const names = encoderLabels(models);
    const sweeps: { encoder: string; sweep: EncoderSweep }[] = [];
    for (const [m, model] of models.entries()) {
      const encoder = await loadEncoder(model, { ...loadOptions, dtype: modelDtype(args, model), signal: io.signal, onProgress: io.progress });
      const view = new SweepProgressView(io, names[m]);
      try {
        const sweep = await sweepEncoder({
          encoder,
          task,
          labels,
          train,
          dev: devData,
          strategies,
          ...(layers ? { layers } : {}),
          control: args.values['no-control'] !== true,
          mdl: args.values['no-mdl'] !== true,
          grid,
          ...(maxIterations !== undefined ? { maxIterations } : {}),
          seed,
          cacheDir: featuresDir(loadOptions.cacheDir),
          signal: io.signal,
          onProgress: (event) => view.onEvent(event),
        });
        sweeps.push({ encoder: names[m], sweep });
      } finally {
        view.finish();
        await encoder.dispose();
      }
    }
    const files = { train: data.train.file, dev: dev.file };
    await io.write(args.values.json ? sweepJson(sweeps, labels, files) : args.values.csv ? toCsv(...sweepCsv(sweeps)) : sweepText(sweeps, labels, files));
  },
};

function sweepStrategyOption(args: ParsedArgs, task: 'sentiment' | 'ner'): string[] | undefined {
  const strategies = listOption(args, 'strategies');
  if (strategies === undefined) return undefined;
  try {
    strategies.forEach((strategy) => checkSweepStrategy(task, strategy));
  } catch (error) {
    if (error instanceof ProbeLensError) throw new UsageError(`--strategies: ${error.message}`);
    throw error;
  }
  return strategies;
}

function gridOption(args: ParsedArgs): number[] | undefined {
  const given = stringOption(args, 'grid');
  if (given === undefined) return undefined;
  const values = given.split(',').map((item) => Number(item.trim()));
  if (values.some((C) => !(C > 0 && Number.isFinite(C)))) throw new UsageError(`--grid takes positive numbers (C values), comma-separated, not "${given}".`);
  return values;
}

function layersOption(args: ParsedArgs): number[] | undefined {
  const given = listOption(args, 'layers');
  if (given === undefined) return undefined;
  if (given.some((item) => !/^\d+$/.test(item))) throw new UsageError(`--layers takes layer numbers (0 is the embeddings output), comma-separated, not "${stringOption(args, 'layers')}".`);
  return given.map(Number).sort((a, b) => a - b);
}
