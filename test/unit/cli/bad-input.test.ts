import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import { literal } from '../../literal';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { cli, tempDir, type Run } from './run-cli';

const cacheDir = tempDir();
const files = tempDir();
const write = (name: string, text: string) => {
  const file = path.join(files, name);
  fs.writeFileSync(file, text);
  return file;
};
const rows = (labels: string[]) => `sentence\tlabel\n${labels.map((label, i) => `sentence number ${i} is here\t${label}`).join('\n')}\n`;
const TRAIN = write('train.tsv', rows(['0', '1', '0', '1', '0', '1', '0', '1']));
const DEV_UNSEEN = write('dev-unseen.tsv', rows(['0', '1', '2', '1']));
const EMPTY = write('empty.tsv', '');
const CONLL_BAD = write('bad.conll', 'EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ\n');

function fails(run: Run, code: number, message: RegExp): void {
  assert.equal(run.code, code, `exit ${run.code}\n${run.stderr}`);
  assert.match(run.stderr, message);
  assert.equal(run.stdout, '');
}

const train = (args: string[]) => cli(['train', '-m', TINY_BERT, '--cache-dir', cacheDir, ...args]);

describe('train: bad input is a clear message, never a stack', () => {
  const out = path.join(files, 'out');
  const common = ['--task', 'sentiment', '--train', TRAIN, '--out', out];

  test('an unknown head name is a usage error listing the strategies', async () => {
    const poolings = literal(POOLING_STRATEGIES.join(', '));
    fails(await train([...common, '--heads', 'mean,avg']), 2, new RegExp(`--heads: Unknown pooling strategy "avg" for sentiment; choose from ${poolings}\\.`));
    fails(await train(['--task', 'ner', '--train', TRAIN, '--out', out, '--heads', 'mean']), 2, /Unknown fusion strategy "mean" for ner; choose from last, last\+mlp, scalarmix, concat, dwatt/);
  });

  test('missing or malformed options are usage errors', async () => {
    fails(await train(['--train', TRAIN, '--out', out]), 2, /--task is required: sentiment or ner\./);
    fails(await train([...common, '--task', 'pos']), 2, /--task takes sentiment or ner, not "pos"\./);
    fails(await train(['--task', 'sentiment', '--train', TRAIN]), 2, /--out is required/);
    fails(await train([...common, '--limit', '0']), 2, /--limit takes a whole number of at least 1, not "0"\./);
    fails(await train([...common, '--seed', 'abc']), 2, /--seed takes a whole number from 0 to 4294967295, not "abc"/);
    fails(await train([...common, '--epochs', '3']), 2, /Unknown option '--epochs'.*\nRun probe-lens train --help for usage\./s);
    fails(await train([...common, 'stray']), 2, /Unexpected argument "stray"\./);
  });

  test('a missing training file is named', async () => {
    const missing = path.join(files, 'nope.tsv');
    fails(await train(['--task', 'sentiment', '--train', missing, '--out', out]), 1, new RegExp(`${missing}.*no such file`));
  });

  test('an empty dataset and a malformed CoNLL line are data errors naming file (and line)', async () => {
    fails(await train(['--task', 'sentiment', '--train', EMPTY, '--out', out]), 1, new RegExp(`${EMPTY}.*empty dataset`));
    fails(await train(['--task', 'ner', '--train', CONLL_BAD, '--out', out]), 1, new RegExp(`${CONLL_BAD}:3: expected 4 space-separated columns`));
  });

  test('a dev label the training data never had is named with its line', async () => {
    fails(await train([...common, '--dev', DEV_UNSEEN]), 1, new RegExp(`${DEV_UNSEEN}:4: label "2" is not among the training labels \\(0, 1\\)`));
    assert.equal(fs.existsSync(out), false, 'nothing was written');
  });
});

describe('eval and compare: bad input', () => {
  const probes = path.join(files, 'probes');
  before(async () => {
    const run = await train(['--task', 'sentiment', '--train', TRAIN, '--heads', 'mean,max', '--out', probes]);
    assert.equal(run.code, 0, run.stderr);
  });

  test('eval with no probes of the task says where it looked and how to train', async () => {
    const empty = path.join(files, 'no-probes');
    const run = await cli(['eval', '-m', TINY_BERT, '--task', 'sentiment', '--probes', empty, '--data', TRAIN, '--cache-dir', cacheDir]);
    fails(run, 1, new RegExp(`No sentiment probes for ${TINY_BERT} \\(fp32\\) in ${empty} \\(the folder does not exist\\)\\. Train them with "probe-lens train`));
    const ner = await cli(['eval', '-m', TINY_BERT, '--task', 'ner', '--probes', probes, '--data', CONLL_BAD, '--cache-dir', cacheDir]);
    fails(ner, 1, new RegExp(`${CONLL_BAD}:3: `));
  });

  test('eval --heads naming a strategy without a probe is an error', async () => {
    const run = await cli(['eval', '-m', TINY_BERT, '--task', 'sentiment', '--probes', probes, '--data', TRAIN, '--heads', 'mean,weighted', '--cache-dir', cacheDir]);
    fails(run, 1, /No sentiment weighted probes for/);
  });

  test('eval refuses probes of another encoder, saying which', async () => {
    const run = await cli(['eval', '-m', TINY_GPT2, '--task', 'sentiment', '--probes', probes, '--data', TRAIN, '--cache-dir', cacheDir]);
    fails(run, 1, /Skipped 2 probes in .* \(sentiment-max, sentiment-mean\): The probe was trained for encoder ".*tiny-bert-uncased", not ".*tiny-gpt2"/);
    assert.match(run.stderr, /No sentiment probes for .*tiny-gpt2.*2 probe folder\(s\) there were skipped/);
  });

  test('a probe with a truncated weights file is skipped with the reason', async () => {
    const damaged = path.join(files, 'damaged');
    fs.cpSync(probes, damaged, { recursive: true });
    const weights = path.join(damaged, 'sentiment-max', 'weights.safetensors');
    fs.truncateSync(weights, 20);
    const run = await cli(['eval', '-m', TINY_BERT, '--task', 'sentiment', '--probes', damaged, '--data', TRAIN, '--json', '--cache-dir', cacheDir]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`Skipped a probe: .*${weights}`));
    assert.deepEqual(Object.keys((JSON.parse(run.stdout) as { metrics: object }).metrics), ['mean']);
  });

  test('compare: text, --probes pairing and training-only options are checked before any model loads', async () => {
    const compare = (args: string[], stdin?: string) => cli(['compare', '-m', TINY_BERT, '--probes', probes, ...args], { stdin });
    fails(await compare([]), 2, /Give the text to compare \(or - to read it from stdin\)\./);
    fails(await compare(['two', 'words']), 2, /Give the text as one argument \(quote it\); got 2 arguments\./);
    fails(await compare(['-'], '  \n'), 2, /The text is empty\./);
    fails(await compare(['--probes', probes, '-m', TINY_GPT2, '-m', TINY_GPT2, 'text']), 2, /got 2 --probes for 3 model\(s\)/);
    fails(await compare(['--data-dir', files, 'text']), 2, /--data-dir is used only with --train-missing\./);
    fails(await compare(['--pooling', 'mean,dwatt', 'text']), 2, /--pooling: Unknown pooling strategy "dwatt"/);
    fails(await compare(['--max-chars', '1.5', 'text']), 2, /--max-chars takes a whole number/);
  });
});
