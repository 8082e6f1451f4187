import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { DEFAULT_DATASETS } from '../../../src/core/data/catalogue';
import { parseSentiment, readSentimentFile } from '../../../src/core/data/sentiment-reader';
import { DATA_DIR } from '../../shared-path';

/** Asserts a ProbeLensError('data') whose message matches. */
function throwsData(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError, `expected a ProbeLensError, got ${String(error)}`);
    assert.equal(error.code, 'data');
    assert.match(error.message, message);
    return true;
  });
}

const pairs = (content: string, file: string, options = {}) =>
  parseSentiment(content, file, options).examples.map(({ text, label, line }) => [text, label, line]);

describe('TSV (SST-2 style)', () => {
  it('reads sentence/label with a header, trims texts, keeps labels as strings and line numbers', () => {
    const content = 'sentence\tlabel\nhide new secretions \t0\n\nit \'s "charming" \t1\r\n';
    assert.deepEqual(pairs(content, 'train.tsv'), [
      ['hide new secretions', '0', 2],
      ['it \'s "charming"', '1', 4],
    ]);
  });

  it('finds the columns by name, in any order, and takes named fields', () => {
    const content = 'id\tlabel\ttext\n1\tpos\tgreat\n';
    assert.deepEqual(pairs(content, 'x.tsv'), [['great', 'pos', 2]]);
    const named = 'id\tstars\treview\n1\t5\tgreat\n';
    assert.deepEqual(pairs(named, 'x.tsv', { textField: 'review', labelField: 'stars' }), [['great', '5', 2]]);
  });

  it('names a missing column and the columns it has', () => {
    throwsData(() => parseSentiment('review\tlabel\nok\t1\n', 'x.tsv'), /^x\.tsv:1: the header has no text column "sentence" or "text" \(its columns: review, label\)/);
    throwsData(() => parseSentiment('sentence\tlabel\nok\t1\n', 'x.tsv', { labelField: 'stars' }), /^x\.tsv:1: .*no label column "stars"/);
  });

  it('rejects a row with the wrong number of columns, naming its line', () => {
    throwsData(() => parseSentiment('sentence\tlabel\na\t1\nb\n', 'x.tsv'), /^x\.tsv:3: expected 2 tab-separated columns as in the header, found 1/);
    throwsData(() => parseSentiment('sentence\tlabel\na\tb\t1\n', 'x.tsv'), /^x\.tsv:2: .*found 3 \(a tab inside the text\?\)/);
  });

  it('rejects empty texts and labels, naming the line', () => {
    throwsData(() => parseSentiment('sentence\tlabel\n \t1\n', 'x.tsv'), /^x\.tsv:2: the text \("sentence"\) is empty/);
    throwsData(() => parseSentiment('sentence\tlabel\nfine\t\n', 'x.tsv'), /^x\.tsv:2: the label \("label"\) is empty/);
  });

  it('calls an empty file or a header-only file an empty dataset', () => {
    throwsData(() => parseSentiment('', 'x.tsv'), /^x\.tsv: empty dataset: the file is empty/);
    throwsData(() => parseSentiment('\n\n', 'x.tsv'), /empty dataset: the file is empty/);
    throwsData(() => parseSentiment('sentence\tlabel\n\n', 'x.tsv'), /^x\.tsv: empty dataset: the file has no data rows/);
  });
});

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and embedded newlines; lines are where records start', () => {
    const content = 'text,label\r\n"Good, really ""good""",pos\r\n"two\r\nlines\nthree",neg\r\nplain,neg\r\n';
    assert.deepEqual(pairs(content, 'r.csv'), [
      ['Good, really "good"', 'pos', 2],
      ['two\r\nlines\nthree', 'neg', 3],
      ['plain', 'neg', 6],
    ]);
  });

  it('reads a last record without a line break, an empty field, and a quoted header', () => {
    assert.deepEqual(pairs('"label","text",x\nneg,fine,\npos,"ok",', 'r.csv'), [
      ['fine', 'neg', 2],
      ['ok', 'pos', 3],
    ]);
    assert.deepEqual(pairs('text,label\n"a",1\n"b","2"', 'r.csv'), [
      ['a', '1', 2],
      ['b', '2', 3],
    ]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    assert.deepEqual(pairs('text,label\nsay "hi" now,1\n', 'r.csv'), [['say "hi" now', '1', 2]]);
  });

  it('names the line of a quoted field that is never closed', () => {
    throwsData(() => parseSentiment('text,label\nok,1\n"open\nstill open,1\n', 'r.csv'), /^r\.csv:3: a quoted field is opened here and never closed/);
  });

  it('names the line of text after a closing quote', () => {
    throwsData(() => parseSentiment('text,label\n"a\nb"x,1\n', 'r.csv'), /^r\.csv:3: unexpected text after a closing quote/);
  });

  it('rejects a record with the wrong number of fields, naming the line it starts on', () => {
    throwsData(() => parseSentiment('text,label\n"x\ny",1\nhello, world,1\n', 'r.csv'), /^r\.csv:4: expected 2 comma-separated columns as in the header, found 3/);
  });
});

describe('JSON lines', () => {
  it('reads text/label objects; numeric and boolean labels become strings', () => {
    const content = '{"text": " Long review. ", "label": 0}\n\n{"text": "Fine", "label": true}\n{"text": "x", "label": "pos"}\n';
    assert.deepEqual(pairs(content, 'r.jsonl'), [
      ['Long review.', '0', 1],
      ['Fine', 'true', 3],
      ['x', 'pos', 4],
    ]);
  });

  it('prefers "sentence" when the first record has it, and takes named keys', () => {
    assert.deepEqual(pairs('{"sentence": "a", "text": "b", "label": 1}\n', 'r.jsonl'), [['a', '1', 1]]);
    assert.deepEqual(pairs('{"review": "a", "y": "1"}\n', 'r.ndjson', { textField: 'review', labelField: 'y' }), [['a', '1', 1]]);
  });

  it('names the line of a malformed JSON line', () => {
    throwsData(() => parseSentiment('{"text": "a", "label": 1}\n{"text": "b", "label": \n', 'r.jsonl'), /^r\.jsonl:2: not a valid JSON line/);
  });

  it('names the line of a record that is not an object, lacks a key, or has a bad value', () => {
    throwsData(() => parseSentiment('[1, 2]\n', 'r.jsonl'), /^r\.jsonl:1: expected a JSON object/);
    throwsData(() => parseSentiment('{"text": "a", "label": 1}\n{"text": "b"}\n', 'r.jsonl'), /^r\.jsonl:2: no "label" key \(its keys: text\)/);
    throwsData(() => parseSentiment('{"text": "a", "label": null}\n', 'r.jsonl'), /^r\.jsonl:1: "label" must be a string, number or boolean, not null/);
    throwsData(() => parseSentiment('{"text": 5, "label": 1}\n', 'r.jsonl'), /^r\.jsonl:1: "text" must be a string, not 5/);
    throwsData(() => parseSentiment('{"toString": "a", "label": 1}\n', 'r.jsonl'), /no "text" key/);
  });

  it('calls a blank file an empty dataset', () => {
    throwsData(() => parseSentiment('\n  \n', 'r.jsonl'), /^r\.jsonl: empty dataset/);
  });
});

describe('label names', () => {
  const names = { 0: 'negative', 1: 'positive' };

  it('renames labels as they are read, in every format; labels without a name stay raw', () => {
    assert.deepEqual(pairs('sentence\tlabel\na\t1\nb\t0\nc\t2\n', 'x.tsv', { labelNames: names }), [
      ['a', 'positive', 2],
      ['b', 'negative', 3],
      ['c', '2', 4],
    ]);
    assert.deepEqual(pairs('text,label\n"a, b",0\n', 'x.csv', { labelNames: names }), [['a, b', 'negative', 2]]);
    assert.deepEqual(pairs('{"text": "a", "label": 1}\n{"text": "b", "label": true}\n', 'x.jsonl', { labelNames: names }), [
      ['a', 'positive', 1],
      ['b', 'true', 2],
    ]);
  });

  it('matches the trimmed label, and only own names (not Object.prototype members)', () => {
    assert.deepEqual(pairs('sentence\tlabel\na\t 1 \nb\tconstructor\nc\ttoString\n', 'x.tsv', { labelNames: names }).map((p) => p[1]), [
      'positive',
      'constructor',
      'toString',
    ]);
  });

  it('may merge raw labels into one name (five-way to three-way, say)', () => {
    const merged = { 0: 'negative', 1: 'negative', 3: 'positive', 4: 'positive' };
    const labels = pairs('sentence\tlabel\na\t0\nb\t1\nc\t2\nd\t4\n', 'x.tsv', { labelNames: merged }).map((p) => p[1]);
    assert.deepEqual(labels, ['negative', 'negative', '2', 'positive']);
  });
});

describe('format, limit and files', () => {
  it('infers the format from the extension, or refuses with advice', () => {
    throwsData(() => parseSentiment('a', 'data.txt'), /cannot tell the dataset format from the extension "\.txt"/);
    assert.equal(parseSentiment('text,label\na,1\n', 'data.txt', { format: 'csv' }).examples.length, 1);
  });

  it('reads only the first N examples, without parsing what follows', () => {
    const content = 'sentence\tlabel\na\t1\nb\t0\nbroken line\n';
    assert.deepEqual(pairs(content, 'x.tsv', { limit: 2 }), [
      ['a', '1', 2],
      ['b', '0', 3],
    ]);
  });

  it('returns a notice when the limit is larger than the file', () => {
    const dataset = parseSentiment('sentence\tlabel\na\t1\n', 'x.tsv', { limit: 10 });
    assert.equal(dataset.examples.length, 1);
    assert.deepEqual(dataset.notices, ['x.tsv: the limit 10 is more than the 1 examples available; using all 1.']);
  });

  it('rejects a limit that is not a positive whole number', () => {
    for (const limit of [0, -1, 2.5, NaN]) {
      assert.throws(() => parseSentiment('sentence\tlabel\na\t1\n', 'x.tsv', { limit }), (e: unknown) => e instanceof ProbeLensError && e.code === 'bad-input');
    }
  });

  it('reports a missing file as a data error', async () => {
    await assert.rejects(readSentimentFile('/nonexistent/dir/train.tsv'), (e: unknown) => {
      assert.ok(e instanceof ProbeLensError && e.code === 'data');
      assert.match(e.message, /^\/nonexistent\/dir\/train\.tsv: cannot read the dataset: no such file/);
      return true;
    });
  });
});

describe('the shared datasets', () => {
  it('reads SST-2 train and dev in full, with 0/1 labels', async () => {
    // Sizes as documented in ../shared/README.md (67,349 phrases; 872 sentences).
    const train = await readSentimentFile(path.join(DATA_DIR, 'sst2', 'train.tsv'));
    const dev = await readSentimentFile(path.join(DATA_DIR, 'sst2', 'dev.tsv'));
    assert.equal(train.examples.length, 67349);
    assert.equal(dev.examples.length, 872);
    assert.deepEqual(new Set(train.examples.map((e) => e.label)), new Set(['0', '1']));
    assert.equal(train.textField, 'sentence');
    assert.equal(dev.examples[0].line, 2);
  });

  it("reads SST-2 with the catalogue's label names: as many negative and positive as 0 and 1", async () => {
    const file = path.join(DATA_DIR, 'sst2', 'dev.tsv');
    const raw = await readSentimentFile(file);
    const named = await readSentimentFile(file, { labelNames: DEFAULT_DATASETS.sst2.labelNames });
    const count = (dataset: typeof raw, label: string) => dataset.examples.filter((e) => e.label === label).length;
    assert.deepEqual(Object.keys(DEFAULT_DATASETS.sst2.labelNames ?? {}).sort(), [...DEFAULT_DATASETS.sst2.labels].sort());
    assert.equal(count(named, 'negative'), count(raw, '0'));
    assert.equal(count(named, 'positive'), count(raw, '1'));
    assert.equal(count(named, 'negative') + count(named, 'positive'), raw.examples.length);
  });

  it('reads the IMDB JSON lines: 500 positive, 500 negative, long texts', async () => {
    const imdb = await readSentimentFile(path.join(DATA_DIR, 'imdb', 'test-1k.jsonl'));
    assert.equal(imdb.examples.length, 1000);
    assert.equal(imdb.examples.filter((e) => e.label === '1').length, 500);
    assert.equal(imdb.textField, 'text');
    assert.ok(imdb.examples.every((e) => e.text.length > 0));
  });
});
