import * as path from 'node:path';
import { runExperiment, type ExperimentKind, type ExperimentResults } from '../../../src/core/experiments';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';
import { conllFile, sentimentFile, tempDir } from './fake-files';

const generated = new Map<string, Promise<ExperimentResults>>();

/**
 * A real experiment's results on fake encoders (a BERT-family and a GPT-family one): tiny sizes, two seeds, a
 * few steps. Generated once per kind and run, as results.json would hold them (through JSON: NaN → null).
 */
export function fakeResults(kind: ExperimentKind): Promise<ExperimentResults> {
  let results = generated.get(kind);
  if (!results) {
    results = generate(kind);
    generated.set(kind, results);
  }
  return results.then((r) => structuredClone(r));
}

async function generate(kind: ExperimentKind): Promise<ExperimentResults> {
  const dir = tempDir();
  const files =
    kind === 'fusion'
      ? { trainFile: conllFile(dir, 'train.conll', 40, 1), devFile: conllFile(dir, 'dev.conll', 16, 2) }
      : { trainFile: sentimentFile(dir, 'train.tsv', 60, 1), devFile: sentimentFile(dir, 'dev.tsv', 24, 2) };
  const results = await runExperiment({
    kind,
    models: ['/models/fake-bert', '/models/fake-gpt'],
    openEncoder: async (model) => new FakeEncoder(fakeIdentity({ name: model, family: model.includes('gpt') ? 'gpt2' : 'bert', fingerprint: model.padEnd(64, '0') })),
    ...files,
    sizes: [8, 'all'],
    seeds: 2,
    schedule: { minSteps: 4, maxSteps: 8, evaluateEvery: 2 },
    cacheDir: path.join(dir, 'features'),
    commandLine: `probe-lens experiment ${kind} (fake encoders)`,
  });
  return JSON.parse(JSON.stringify(results)) as ExperimentResults;
}
