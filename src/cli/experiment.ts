import * as path from 'node:path';
import { loadEncoder } from '../core/encoders/load-encoder';
import { checkWritableFolder } from '../core/folders';
import { DEFAULT_FUSION_SELECTION_SIZE, DEFAULT_SCHEDULES, RunLog, runExperiment, writeExperimentOutputs } from '../core/experiments';
import { strategiesFor } from '../core/heads/registry';
import { modelDtype } from './args';
import type { Command } from './command';
import { featuresDir } from './cli-paths';
import { describeRun, experimentSummary } from './experiment-output';
import { commandLineOf, DEFAULT_SEEDS, DEFAULT_SIZES, readExperimentOptions } from './experiment-options';
import { loadOptionsFrom } from './global-options';

const pooling = DEFAULT_SCHEDULES.pooling;
const fusion = DEFAULT_SCHEDULES.fusion;

export const experimentCommand: Command = {
  name: 'experiment',
  summary: "rerun the papers' comparisons on your encoders: pooling (sentiment) or layer fusion (NER) vs training size",
  help: `Usage: probe-lens experiment pooling|fusion --model <id|dir> [--model <id|dir> ...] --train <file> --dev <file>
                        [--sizes <list>] [--seeds N] [--out <dir>] [--layers] [--quick]

pooling: every pooling head (${strategiesFor('sentiment').join(', ')}) on sentence sentiment: dev accuracy and macro-F1.
fusion:  every layer-fusion head (${strategiesFor('ner').join(', ')}) on NER: dev entity F1, parameter counts
         and steps-to-target (steps until the selection F1 first reaches 90% of that run's best).
For each encoder, size and seed; features are extracted once per encoder and file (cached under
<cache>/features) and shared by every head, size and seed. Each seed draws nested, stratified subsets of
the training file. Writes <out>/report.md (tables, plots and a "Claims" section judging the papers' claims
on these numbers), <out>/results.json (everything measured, with the SVG charts), the charts as .svg and
every table of the report as CSV in <out>/tables/.

Options:
  -m, --model <id|dir>     an encoder; repeat for several (e.g. a BERT-family and a GPT-family one)
  --dtype <dtype>          fp32, fp16, q8, int8, uint8, q4, q4f16 or bnb4 (default: the catalogue's for its hub ids,
                           else fp32 when the model has it)
  --train <file>           training data (sentiment: TSV/CSV/JSONL; NER: CoNLL columns, IOB1 or IOB2)
  --dev <file>             dev data: every score is on it; labels must occur in --train
  --sizes <list>           training sizes, comma-separated, "all" = the whole file; larger than the file
                           is capped with a notice (default pooling ${DEFAULT_SIZES.pooling},
                           fusion ${DEFAULT_SIZES.fusion})
  --seeds N                seeds 1..N: subset, initialisation and batch order (default ${DEFAULT_SEEDS}; 1 gives no spread)
  --heads <list>           strategies to compare (default: all of the experiment's)
  --out <dir>              output folder (default ./experiment-<pooling|fusion>)
  --dev-size N             score on a stratified sample of N dev examples instead of the whole file
  --selection-size N|all   dev examples for early stopping and learning curves (default pooling all,
                           fusion ${DEFAULT_FUSION_SELECTION_SIZE})
  --min-steps N            train at least N steps (default pooling ${pooling.minSteps}, fusion ${fusion.minSteps})
  --max-steps N            and at most N, but at least one epoch (default pooling ${pooling.maxSteps}, fusion ${fusion.maxSteps})
  --eval-every N           score the selection set every N steps (default pooling ${pooling.evaluateEvery}, fusion ${fusion.evaluateEvery})
  --resume                 keep the runs already in <out>/runs.jsonl (a journal of finished runs, written
                           as they finish) and train only the missing ones, e.g. after Ctrl-C or to add a
                           size; without it the journal restarts. Not recorded in the command line: the
                           numbers are the same either way
  --layers                 also sweep every layer of each encoder (as probe-lens sweep: a linear probe per
                           layer, best and expected layer, control-task selectivity, MDL) on the training
                           examples in use, scored on dev; the report gets a "Layers" section per encoder
  --quick                  a smoke test in seconds: tiny sizes, one seed, a small dev sample, few steps
                           (explicit options still win)`,
  options: {
    model: { type: 'string', short: 'm', multiple: true },
    dtype: { type: 'string' },
    train: { type: 'string' },
    dev: { type: 'string' },
    sizes: { type: 'string' },
    seeds: { type: 'string' },
    heads: { type: 'string' },
    out: { type: 'string' },
    'dev-size': { type: 'string' },
    'selection-size': { type: 'string' },
    'min-steps': { type: 'string' },
    'max-steps': { type: 'string' },
    'eval-every': { type: 'string' },
    quick: { type: 'boolean' },
    layers: { type: 'boolean' },
    resume: { type: 'boolean' },
  },

  async run(args, io) {
    const options = readExperimentOptions(args);
    checkWritableFolder(options.outDir, '--out');
    const loadOptions = loadOptionsFrom(args);
    const results = await runExperiment({
      ...options,
      openEncoder: (model) => loadEncoder(model, { ...loadOptions, dtype: modelDtype(args, model), signal: io.signal, onProgress: io.progress }),
      cacheDir: featuresDir(loadOptions.cacheDir),
      commandLine: commandLineOf(args),
      layerSweep: args.values.layers === true,
      runLog: new RunLog(path.join(options.outDir, 'runs.jsonl'), args.values.resume === true),
      signal: io.signal,
      onEvent: (event) => {
        if (event.kind === 'notice') io.note(`Notice: ${event.message}`);
        else if (event.kind === 'features') io.progress(`${event.encoder}: features of ${event.split} ${event.done}/${event.total}`);
        else io.note(describeRun(event.run, event.done, event.total));
      },
    });
    const written = writeExperimentOutputs(results, options.outDir);
    await io.write(experimentSummary(results, written));
  },
};
