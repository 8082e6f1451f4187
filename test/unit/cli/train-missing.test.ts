import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CompareResult } from '../../../src/core/result';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { cli, tempDir } from './run-cli';

const TEXT = 'Ada Lovelace wrote the first computer program in London, and it was brilliant.';
// The smallest sample that still holds every entity type and both sentiment labels: seconds, not a minute.
const FEW_SHOT = '12';

describe('probe-lens compare --train-missing (the main job)', () => {
  const cacheDir = tempDir();
  const probesRoot = path.join(cacheDir, 'probes');
  const base = ['compare', '-m', TINY_BERT, '--cache-dir', cacheDir];
  const training = ['--train-missing', '--data-dir', DATA_DIR, '--few-shot', FEW_SHOT];

  function probeFolders(): string[] {
    const [encoderFolder, ...others] = fs.readdirSync(probesRoot);
    assert.deepEqual(others, [], 'one folder per encoder');
    assert.match(encoderFolder, /^tiny-bert-uncased-fp32-[0-9a-f]{12}$/);
    return fs.readdirSync(path.join(probesRoot, encoderFolder)).sort();
  }

  test('trains the probes an encoder lacks on samples of the default datasets, then compares', async () => {
    const run = await cli([...base, ...training, '--pooling', 'mean,weighted', '--fusion', 'last,scalarmix', '--json', TEXT]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /tiny-bert-uncased · sentiment: training mean, weighted on 12 SST-2 \(GLUE\) examples \(dev 12, seed 13\)/);
    assert.match(run.stderr, /tiny-bert-uncased · ner: training last, scalarmix on 12 CoNLL-2003 English NER sentences \(dev 12, seed 13\)/);
    assert.match(run.stderr, /sentiment: weighted probe saved \(dev accuracy \d\.\d{3}\)/);
    assert.deepEqual(probeFolders(), ['ner-last', 'ner-scalarmix', 'sentiment-mean', 'sentiment-weighted']);
    const [encoder] = (JSON.parse(run.stdout) as CompareResult).encoders;
    assert.deepEqual(encoder.sentiment.map((s) => s.strategy), ['mean', 'weighted']);
    assert.deepEqual(encoder.ner.map((n) => n.strategy), ['last', 'scalarmix']);

    const [folder] = fs.readdirSync(probesRoot);
    const config = JSON.parse(fs.readFileSync(path.join(probesRoot, folder, 'sentiment-mean', 'config.json'), 'utf8')) as {
      labels: string[];
      rawLabels: string[];
      training: { file: string; examples: number; devExamples: number; limit?: number; fewShot: number };
    };
    assert.equal(config.training.file, path.join(DATA_DIR, 'sst2', 'train.tsv'));
    assert.equal(config.training.examples, Number(FEW_SHOT));
    assert.equal(config.training.devExamples, Number(FEW_SHOT));
    assert.equal(config.training.fewShot, Number(FEW_SHOT));
    assert.equal(config.training.limit, undefined, 'no --limit was given');
    assert.deepEqual([config.labels, config.rawLabels], [['negative', 'positive'], ['0', '1']], "SST-2's names and raw labels");
  });

  test('a second run trains only what is still missing', async () => {
    const run = await cli([...base, ...training, '--pooling', 'mean,max', '--fusion', 'last', TEXT]);
    assert.equal(run.code, 0, run.stderr);
    const trainingLines = run.stderr.split('\n').filter((line) => line.includes(': training '));
    assert.equal(trainingLines.length, 1, run.stderr);
    assert.match(trainingLines[0], /sentiment: training max on 12 /);
    assert.deepEqual(probeFolders(), ['ner-last', 'ner-scalarmix', 'sentiment-max', 'sentiment-mean', 'sentiment-weighted']);
  });

  test('without --train-missing, compare reads the probes it trained from the default probes folder', async () => {
    const run = await cli([...base, '--json', TEXT]);
    assert.equal(run.code, 0, run.stderr);
    const [encoder] = (JSON.parse(run.stdout) as CompareResult).encoders;
    assert.deepEqual(encoder.sentiment.map((s) => s.strategy), ['mean', 'max', 'weighted']);
    assert.deepEqual(encoder.ner.map((n) => n.strategy), ['last', 'scalarmix']);
  });

  test('--probes once per --model: each model trains into, and reads from, its own folder', async () => {
    const [bertDir, gptDir] = [path.join(tempDir(), 'bert'), path.join(tempDir(), 'gpt2')];
    const paired = ['compare', '-m', TINY_BERT, '-m', TINY_GPT2, '--probes', bertDir, '--probes', gptDir, '--cache-dir', cacheDir];
    const run = await cli([...paired, ...training, '--pooling', 'last', '--fusion', 'last', '--json', TEXT]);
    assert.equal(run.code, 0, run.stderr);
    for (const dir of [bertDir, gptDir]) assert.deepEqual(fs.readdirSync(dir).sort(), ['ner-last', 'sentiment-last']);
    const result = JSON.parse(run.stdout) as CompareResult;
    assert.deepEqual(result.encoders.map((e) => e.encoder.family), ['bert', 'gpt2']);
    // Both encoders train on the same sample of the default data.
    assert.equal(run.stderr.match(/: training last on 12 SST-2/g)?.length, 2);
    // Swapping the folders: each model now finds only the other's probes, skips them and says so.
    const swapped = await cli(['compare', '-m', TINY_BERT, '-m', TINY_GPT2, '--probes', gptDir, '--probes', bertDir, '--cache-dir', cacheDir, TEXT]);
    assert.equal(swapped.code, 1);
    assert.match(swapped.stderr, /Skipped 2 probes in .*gpt2 \(ner-last, sentiment-last\)/);
    assert.match(swapped.stderr, /No probes for .*tiny-bert-uncased \(fp32\) in .*gpt2\. 2 probe folder\(s\) there were skipped/);
  });

  test('a --data-dir without the expected layout names the missing files', async () => {
    const empty = tempDir();
    const run = await cli([...base, '--train-missing', '--data-dir', empty, '--probes', tempDir(), TEXT]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`The data folder ${empty} has no sst2/train.tsv or sst2/dev.tsv`));
    assert.match(run.stderr, /sst2\/train\.tsv, sst2\/dev\.tsv, conll2003\/eng\.train, conll2003\/eng\.testa/);
  });

  test('offline with no downloaded datasets, it says how to get them', async () => {
    const run = await cli([...base, '--train-missing', '--offline', '--probes', tempDir(), TEXT]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /SST-2 \(GLUE\) is not downloaded yet .*offline mode is on/);
  });

  test('without --model it compares the default hub encoders (offline here: a clear error)', async () => {
    const run = await cli(['compare', '--train-missing', '--offline', '--cache-dir', tempDir(), TEXT]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Xenova\/bert-base-uncased: config\.json is not in the cache .* offline mode is on/);
  });
});
