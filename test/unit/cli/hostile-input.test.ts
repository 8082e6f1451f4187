import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { COMMANDS } from '../../../src/cli/commands';
import { GLOBAL_OPTIONS } from '../../../src/cli/global-options';
import type { CompareResult } from '../../../src/core/result';
import { DATA_DIR, TINY_BERT } from '../../shared-path';
import { cli, tempDir, type Run } from './run-cli';

/**
 * The CLI as a hostile but fair user drives it: every case gets a clear message, the right exit code, no
 * stack trace, nothing half-written, and names only options that exist. One regression test per defect that
 * such a session found (issue 14).
 */

const root = path.resolve(__dirname, '..', '..', '..');
const cacheDir = tempDir();
const files = tempDir();
const write = (name: string, content: string | Buffer) => {
  const file = path.join(files, name);
  fs.writeFileSync(file, content);
  return file;
};
const rows = (count: number) => `sentence\tlabel\n${Array.from({ length: count }, (_, i) => `sentence number ${i} is ${i % 2 ? 'good' : 'bad'}\t${i % 2}`).join('\n')}\n`;
const TRAIN = write('train.tsv', rows(8));
const MANY = write('many.tsv', rows(300));
const TEXT = 'Ada Lovelace wrote the first program in London.';

/** Every --option a message names must exist: the command's own or a global one. */
function namedOptionsExist(command: string, stderr: string): void {
  const spec = COMMANDS.find((c) => c.name === command);
  const known = new Set([...Object.keys(GLOBAL_OPTIONS), ...Object.keys(spec?.options ?? {})]);
  for (const [, option] of stderr.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)) {
    assert.ok(known.has(option), `the message names --${option}, which "${command}" does not have:\n${stderr}`);
  }
}

/** Nothing half-written: no temporary, swapped-out or lock entries left anywhere under `dir`. */
function noLeftovers(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
  assert.deepEqual(names.filter((name) => /\.(tmp|old)-|\.lock$|\.probe-lens-check-/.test(name)), [], `leftovers in ${dir}`);
}

function refused(run: Run, command: string, code: number, message: RegExp): void {
  assert.equal(run.code, code, `exit ${run.code}, expected ${code}\n${run.stderr}`);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /Unexpected error|\n\s+at .+:\d+:\d+/, 'no stack trace');
  assert.equal(run.stdout, '', 'nothing on stdout');
  namedOptionsExist(command, run.stderr);
}

const base = (command: string) => [command, '-m', TINY_BERT, '--cache-dir', cacheDir];
const train = (args: string[]) => cli([...base('train'), '--task', 'sentiment', '--heads', 'mean', ...args]);

/** A model folder whose config.json says hidden_size 64 beside tiny BERT's ONNX graph (hidden 128). */
function wrongHiddenSize(): string {
  const folder = path.join(files, 'wrong-hidden');
  fs.mkdirSync(folder, { recursive: true });
  for (const name of ['onnx', 'tokenizer.json', 'tokenizer_config.json']) fs.symlinkSync(path.join(TINY_BERT, name), path.join(folder, name));
  const config = JSON.parse(fs.readFileSync(path.join(TINY_BERT, 'config.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(folder, 'config.json'), JSON.stringify({ ...config, hidden_size: 64 }));
  return folder;
}

describe('paths are checked before any work: a clear message and exit 1, never a stack or a hang', () => {
  const plainFile = write('plain-file', 'not a folder');

  test('--out is a plain file, or under one (train, experiment)', async () => {
    for (const out of [plainFile, path.join(plainFile, 'probes')]) {
      const run = await train(['--train', TRAIN, '--out', out]);
      refused(run, 'train', 1, new RegExp(`--out: .*${plainFile} is a file`));
      assert.doesNotMatch(run.stderr, /features/, 'refused before any extraction');
    }
    const experiment = await cli(['experiment', 'pooling', '-m', TINY_BERT, '--cache-dir', cacheDir, '--train', TRAIN, '--dev', TRAIN, '--quick', '--out', plainFile]);
    refused(experiment, 'experiment', 1, /--out: .* is a file, not a folder/);
  });

  test('--out where nothing can be written (/proc) fails at once instead of spinning in mkdir', async () => {
    assert.ok(fs.existsSync('/proc/self'), 'these tests run on Linux, where /proc takes no new folders');
    const started = Date.now();
    refused(await train(['--train', TRAIN, '--out', '/proc/probe-lens/probes']), 'train', 1, /--out: cannot write in \/proc \(this place does not take new folders\)/);
    refused(await cli([...base('layers'), '--cache-dir', '/proc/probe-lens-cache', TEXT]), 'layers', 1, /--cache-dir: cannot write in \/proc/);
    assert.ok(Date.now() - started < 10_000);
  });

  test('--probes is a plain file (eval, compare)', async () => {
    const evaluation = await cli([...base('eval'), '--task', 'sentiment', '--probes', plainFile, '--data', TRAIN]);
    refused(evaluation, 'eval', 1, /--probes: .*plain-file is a file, not a folder/);
    refused(await cli([...base('compare'), '--probes', plainFile, TEXT]), 'compare', 1, /--probes: .*plain-file is a file, not a folder/);
  });

  test("a config.json whose hidden size disagrees with the ONNX graph is refused when the model loads", async () => {
    const model = wrongHiddenSize();
    const run = await cli(['layers', '-m', model, '--cache-dir', cacheDir, TEXT]);
    refused(run, 'layers', 1, /config\.json gives a hidden size of 64, but the layer outputs of .* have 128 values per token/);
    const out = path.join(files, 'never-written');
    refused(await cli(['train', '-m', model, '--cache-dir', cacheDir, '--task', 'sentiment', '--train', TRAIN, '--out', out]), 'train', 1, /hidden size of 64/);
    assert.equal(fs.existsSync(out), false);
  });
});

describe('labels: probes keep raw labels and their names', () => {
  test('probes from compare --train-missing (named negative/positive) score on SST-2 (0/1) as it is', async () => {
    const probes = tempDir();
    const trained = await cli([...base('compare'), '--probes', probes, '--train-missing', '--data-dir', DATA_DIR, '--few-shot', '12', '--pooling', 'mean', '--fusion', 'last', TEXT]);
    assert.equal(trained.code, 0, trained.stderr);
    const run = await cli([...base('eval'), '--task', 'sentiment', '--probes', probes, '--data', path.join(DATA_DIR, 'sst2', 'dev.tsv'), '--limit', '40', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const { metrics } = JSON.parse(run.stdout) as { metrics: Record<string, { accuracy: number }> };
    assert.ok(metrics.mean.accuracy >= 0 && metrics.mean.accuracy <= 1);
    noLeftovers(probes);
  });
});

describe('two runs saving into the same --out', () => {
  test('never crash, leave complete probes only, and a reader always finds a probe', async () => {
    const out = tempDir();
    const args = [...base('train'), '--task', 'sentiment', '--heads', 'mean,max,cls', '--train', TRAIN, '--out', out];
    const runProcess = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    // The first run's probes exist, so a reader during the two saves must always find them.
    assert.equal((await runProcess()).code, 0);
    let reading = true;
    const reads: Run[] = [];
    const reader = (async () => {
      while (reading) reads.push(await cli([...base('eval'), '--task', 'sentiment', '--probes', out, '--data', TRAIN, '--json']));
    })();
    const pair = await Promise.all([runProcess(), runProcess()]);
    reading = false;
    await reader;
    for (const run of pair) {
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /Unexpected error|ENOENT/);
    }
    for (const read of reads) assert.equal(read.code, 0, `a reader lost the probes: ${read.stderr}`);
    assert.deepEqual(fs.readdirSync(out).sort(), ['sentiment-cls', 'sentiment-max', 'sentiment-mean']);
    noLeftovers(out);
  });
});

describe('text: control characters, binary input, encodings, invisible characters', () => {
  const probes = tempDir();
  before(async () => {
    const run = await cli([...base('compare'), '--probes', probes, '--train-missing', '--data-dir', DATA_DIR, '--few-shot', '12', '--pooling', 'mean', '--fusion', 'last', TEXT]);
    assert.equal(run.code, 0, run.stderr);
  });
  const compare = (args: string[], stdin?: string | Uint8Array) => cli([...base('compare'), '--probes', probes, ...args], { stdin });

  test('output never carries raw control characters, whatever the text holds; they show as escapes', async () => {
    const hostile = 'Ada \u001b[31mLovelace\u0007 in \u009b2JLondon\u202e and\r Paris';
    for (const args of [[hostile], ['-']]) {
      const run = await compare(args, hostile);
      assert.equal(run.code, 0, run.stderr);
      for (const output of [run.stdout, run.stderr]) {
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, 'a raw control character');
      }
      assert.match(run.stdout, /\\u001b/);
      assert.match(run.stdout, /\\u0007/);
    }
    const json = await compare(['--json', hostile]);
    assert.equal((JSON.parse(json.stdout) as CompareResult).text, hostile, 'JSON keeps the text exactly (as escapes)');
  });

  test('binary stdin is refused', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), Buffer.from(os.tmpdir())]);
    refused(await compare(['-'], elf), 'compare', 1, /stdin: this looks like binary data/);
    refused(await compare(['-'], Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 73 + 11) % 256 || 1))), 'compare', 1, /binary data/);
  });

  test('Latin-1 is named by line and byte, never read as U+FFFD; UTF-8 with a BOM and UTF-16 with one are read', async () => {
    const latin1 = write('latin1.tsv', Buffer.from('sentence\tlabel\nun caf\xe9 noir\t1\nbon\t0\n', 'latin1'));
    refused(await train(['--train', latin1, '--out', path.join(files, 'latin1-out')]), 'train', 1, /latin1\.tsv: not UTF-8: line 2 byte 7 \(0xe9\)/);
    refused(await compare(['-'], Buffer.from('caf\xe9 au lait', 'latin1')), 'compare', 1, /stdin: not UTF-8: line 1 byte 4/);
    const text = rows(8).replace('sentence number 1', 'un café number 1');
    const utf16 = write('utf16.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const bom = write('bom.tsv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    for (const file of [utf16, bom]) {
      const out = tempDir();
      const run = await train(['--train', file, '--dev', file, '--out', out, '--json']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal((JSON.parse(run.stdout) as { train: { examples: number } }).train.examples, 8);
    }
  });

  test('characters the tokenizer drops are no words; a grapheme cluster is one word; nothing visible is refused', async () => {
    const run = await compare(['--json', 'Ada\u200b Lovelace \u2060 met 👩‍👩‍👧‍👦 in London']);
    assert.equal(run.code, 0, run.stderr);
    const [encoder] = (JSON.parse(run.stdout) as CompareResult).encoders;
    const text = (JSON.parse(run.stdout) as CompareResult).text;
    const words = encoder.ner[0].words.map(({ start, end }) => text.slice(start, end));
    assert.deepEqual(words, ['Ada', 'Lovelace', 'met', '👩‍👩‍👧‍👦', 'in', 'London']);
    for (const invisible of ['\u200b\u200b\u200b', '\u200d \ufeff\u2060']) {
      refused(await compare([invisible]), 'compare', 2, /The text has no visible characters/);
    }
  });
});

describe('options and messages', () => {
  test('a seed of 2^32 or more is refused instead of wrapping to the same weights', async () => {
    refused(await train(['--train', TRAIN, '--out', path.join(files, 'o'), '--seed', '4294967296']), 'train', 2, /--seed takes a whole number from 0 to 4294967295/);
    refused(await cli([...base('compare'), '--train-missing', '--seed', '99999999999', TEXT]), 'compare', 2, /--seed takes a whole number from 0 to 4294967295/);
  });

  test('--few-shot without --dev trains on the whole sample (dev held out of the rest) and records --limit and --few-shot apart', async () => {
    const out = tempDir();
    const run = await train(['--train', MANY, '--limit', '200', '--few-shot', '10', '--out', out, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const config = JSON.parse(fs.readFileSync(path.join(out, 'sentiment-mean', 'config.json'), 'utf8')) as {
      training: { examples: number; devExamples: number; dev: string; limit: number; fewShot: number };
    };
    assert.deepEqual(
      { examples: config.training.examples, devExamples: config.training.devExamples, limit: config.training.limit, fewShot: config.training.fewShot },
      { examples: 10, devExamples: 20, limit: 200, fewShot: 10 },
    );
    assert.equal(config.training.dev, `${MANY} (10% held out, seed 13)`);
  });

  test('--threads above the machine\'s cores is capped with a notice', async () => {
    const run = await cli([...base('layers'), '--threads', '1000', '--json', TEXT]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`--threads 1000 is more than this machine's ${os.availableParallelism()} cores; using ${os.availableParallelism()}\\.`));
  });

  test('no message names an option that does not exist', async () => {
    const noExtension = write('data.txt', rows(4));
    const noColumn = write('columns.tsv', 'words\tlabel\nhello\t1\n');
    const run1 = await train(['--train', noExtension, '--out', path.join(files, 'o')]);
    refused(run1, 'train', 1, /cannot tell the dataset format from the extension "\.txt"\. Name the file \.tsv, \.csv or \.jsonl after its format\./);
    refused(await train(['--train', noColumn, '--out', path.join(files, 'o')]), 'train', 1, /no text column "sentence" or "text" .*Rename the text column/);
    const long = await cli([...base('compare'), '--train-missing', '--data-dir', DATA_DIR, '--few-shot', '12', '--pooling', 'mean', '--fusion', 'last', '--max-chars', '20', TEXT]);
    assert.equal(long.code, 0, long.stderr);
    assert.match(long.stderr, /only the first 20 were probed \(the limit is --max-chars\)\./);
    assert.doesNotMatch(long.stderr, /is a setting/);
  });

  test('an IOB2 file with entities started by I- is read with a notice naming the line', async () => {
    const conll = write('own.conll', 'Anna\tB-person\nmet\tO\nBob\tI-person\n\nHi\tO\nBo\tB-person\n\nYes\tO\n');
    const run = await cli([...base('train'), '--task', 'ner', '--heads', 'last', '--train', conll, '--dev', conll, '--out', tempDir()]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /own\.conll:3: 1 entity starts with I- after O or another type \(first here\), which IOB2 does not allow/);
  });

  test("another head's weights copied into a probe folder are refused, and the rest still run", async () => {
    const probes = tempDir();
    assert.equal((await train(['--train', TRAIN, '--heads', 'mean,weighted', '--out', probes])).code, 0);
    fs.copyFileSync(path.join(probes, 'sentiment-weighted', 'weights.safetensors'), path.join(probes, 'sentiment-mean', 'weights.safetensors'));
    const run = await cli([...base('eval'), '--task', 'sentiment', '--probes', probes, '--data', TRAIN, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Skipped a probe: .*sentiment-mean.*weights\.safetensors: it has tensors the sentiment mean head does not have/);
    assert.doesNotMatch(run.stderr, /<probe>/);
    assert.deepEqual(Object.keys((JSON.parse(run.stdout) as { metrics: object }).metrics), ['weighted']);
  });
});
