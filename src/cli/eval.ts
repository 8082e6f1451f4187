import * as path from 'node:path';
import { readDataset } from '../core/data/read-dataset';
import { loadEncoder } from '../core/encoders/load-encoder';
import { ProbeLensError } from '../core/errors';
import { evaluateProbes } from '../core/train/evaluate';
import { renderConfusionTable } from '../core/train/metrics/metrics';
import { modelDtype, integerOption, noPositionals, requiredString, strategyOption, taskOption } from './args';
import type { Command } from './command';
import { featuresDir } from './cli-paths';
import { findProbes, noProbesMessage, reportSkipped } from './encoder-probes';
import { encoderLabel } from './encoder-label';
import { sentimentConfusion } from './eval-confusion';
import { loadOptionsFrom } from './global-options';
import { progressBar } from './progress-bar';
import { metricsTable } from './train-output';
import { itemCount } from './training-files';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score trained probes on a dataset (accuracy and macro-F1, or entity precision/recall/F1)',
  help: `Usage: probe-lens eval --model <id|dir> --task sentiment|ner --probes <dir> --data <file>
                       [--heads <a,b,...>] [--limit N] [--json]

Scores every probe of the task in <dir> (the folder given to "train --out", or a probes root holding one
subfolder per encoder) on the data, with one encoder pass shared by all of them. Sentiment: accuracy and
macro-F1, and a confusion table per probe; NER: entity-level F1, precision and recall (exact span match,
IOB2) and the accuracy of word tags.

Options:
  -m, --model <id|dir>  the encoder the probes were trained for
  --dtype fp32|q8       which ONNX weights (as in training)
  --task <task>         sentiment or ner
  --probes <dir>        folder of trained probes
  --data <file>         the data to score on (formats as in train)
  --heads <list>        only these strategies, comma-separated (default: every probe found)
  --limit N             read only the first N examples (sentences)
  --json                print {"task": ..., "metrics": {"<strategy>": {...}}}`,
  options: {
    model: { type: 'string', short: 'm' },
    dtype: { type: 'string' },
    task: { type: 'string' },
    probes: { type: 'string' },
    data: { type: 'string' },
    heads: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },

  async run(args, io) {
    noPositionals(args);
    const model = requiredString(args, 'model', 'the encoder the probes were trained for');
    const task = taskOption(args);
    const probesDir = path.resolve(requiredString(args, 'probes', 'the folder of trained probes'));
    const dataFile = requiredString(args, 'data', 'the data file to score on');
    const heads = strategyOption(args, 'heads', task);
    const limit = integerOption(args, 'limit', 1);
    const dtype = modelDtype(args, model);

    const data = await readDataset(dataFile, task, { limit });
    data.notices.forEach((notice) => io.note(notice));
    const loadOptions = loadOptionsFrom(args);
    const encoder = await loadEncoder(model, { ...loadOptions, dtype, signal: io.signal, onProgress: io.progress });
    try {
      const found = findProbes(probesDir, encoder.identity);
      reportSkipped(found, io);
      const ofTask = found.probes.filter((probe) => probe.config.task === task);
      const missing = (heads ?? []).filter((head) => !ofTask.some((probe) => probe.config.strategy === head));
      if (missing.length > 0) throw new ProbeLensError(noProbesMessage(encoder.identity, found, `${task} ${missing.join(', ')}`), 'probe');
      const probes = heads ? ofTask.filter((probe) => heads.includes(probe.config.strategy)) : ofTask;
      if (probes.length === 0) throw new ProbeLensError(noProbesMessage(encoder.identity, found, task), 'probe');

      const cacheDir = featuresDir(loadOptions.cacheDir);
      const label = `${encoderLabel(encoder.identity.name)} · ${task}`;
      const metrics = await evaluateProbes({
        encoder,
        probes,
        data,
        cacheDir,
        signal: io.signal,
        onProgress: (done, total) => io.status?.(`${label} ${progressBar(done / total)} features ${done}/${total}`),
      });
      io.status?.('');
      if (args.values.json) {
        await io.write(`${JSON.stringify({ task, metrics })}\n`);
        return;
      }
      const unit = task === 'ner' ? 'sentences' : 'examples';
      const lines = [
        `Model: ${encoder.identity.name} (${encoder.identity.family}, ${encoder.identity.dtype})`,
        `Data:  ${data.file} (${itemCount(data)} ${unit})`,
        `Probes: ${found.folder}`,
        '',
        metricsTable(
          task,
          probes.map((probe) => ({ strategy: probe.config.strategy, metrics: metrics[probe.config.strategy] })),
        ),
        '',
      ];
      if (data.task === 'sentiment') {
        const tables = await sentimentConfusion(encoder, probes, data, cacheDir, io.signal);
        for (const [strategy, table] of tables) lines.push(`Confusion (${strategy}):`, renderConfusionTable(table), '');
      }
      await io.write(lines.join('\n'));
    } finally {
      io.status?.('');
      await encoder.dispose();
    }
  },
};
