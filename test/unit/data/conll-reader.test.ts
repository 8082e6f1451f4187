import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseConll, readConllFile } from '../../../src/core/data/conll-reader';
import { ProbeLensError } from '../../../src/core/errors';
import { DATA_DIR } from '../../shared-path';

function throwsData(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError && error.code === 'data', `expected a data error, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

const IOB1 = [
  '-DOCSTART- -X- O O',
  '',
  'EU NNP I-NP I-ORG',
  'rejects VBZ I-VP O',
  'German JJ I-NP I-MISC',
  '. . O O',
  '',
  'Peter NNP I-NP I-PER',
  'Blackburn NNP I-NP I-PER',
  'Smith NNP I-NP B-PER',
  '',
  '',
].join('\n');

describe('parseConll', () => {
  it('reads IOB1 four-column files, skips -DOCSTART-, converts to IOB2 and says it was IOB1', () => {
    const dataset = parseConll(IOB1, 'eng.train');
    assert.equal(dataset.scheme, 'iob1');
    assert.deepEqual(dataset.entityTypes, ['MISC', 'ORG', 'PER']);
    assert.deepEqual(dataset.sentences, [
      { words: ['EU', 'rejects', 'German', '.'], tags: ['B-ORG', 'O', 'B-MISC', 'O'], line: 3 },
      { words: ['Peter', 'Blackburn', 'Smith'], tags: ['B-PER', 'I-PER', 'B-PER'], line: 8 },
    ]);
  });

  it('reads tab-separated IOB2 with whitespace-only lines as breaks, CRLF endings and no final blank line', () => {
    const content = '@paulwalk\tO\r\nEmpire\tB-location\r\nState\tI-location\r\n\t\r\nHi\tO\r\nBob\tB-person';
    const dataset = parseConll(content, 'wnut.conll');
    assert.equal(dataset.scheme, 'iob2');
    assert.deepEqual(dataset.sentences.map((s) => [s.words, s.tags, s.line]), [
      [['@paulwalk', 'Empire', 'State'], ['O', 'B-location', 'I-location'], 1],
      [['Hi', 'Bob'], ['O', 'B-person'], 5],
    ]);
  });

  it('says where an IOB2 file starts an entity with I- (after O or another type), and reads it as a start', () => {
    const content = 'Anna\tB-person\nmet\tO\nBob\tI-person\nin\tO\nParis\tB-location\n\nHi\tO\nBo\tI-person\n';
    const dataset = parseConll(content, 'own.conll');
    assert.equal(dataset.scheme, 'iob2');
    assert.deepEqual(dataset.sentences[0].tags, ['B-person', 'O', 'B-person', 'O', 'B-location']);
    assert.deepEqual(dataset.notices, [
      'own.conll:3: 2 entities start with I- after O or another type (first here), which IOB2 does not allow, although ' +
        'the file starts other entities with B-; read as entity starts (B-).',
    ]);
    assert.deepEqual(parseConll(IOB1, 'eng.train').notices, [], 'IOB1 starts every entity with I-: converted without a word');
  });

  it('keeps spaces inside tab-separated words, and reads any column count', () => {
    const dataset = parseConll('New York\tx\ty\tB-LOC\n', 'f.conll');
    assert.deepEqual(dataset.sentences[0].words, ['New York']);
    assert.equal(parseConll('a b c d e O\n', 'f').sentences[0].words[0], 'a');
  });

  it('ends a sentence at a -DOCSTART- line even without a blank line', () => {
    const dataset = parseConll('a O\n-DOCSTART- O\nb O\n', 'f');
    assert.deepEqual(dataset.sentences.map((s) => s.words), [['a'], ['b']]);
  });

  it('reads only the first N sentences, and notes a limit larger than the file', () => {
    const dataset = parseConll(`${IOB1}\nbroken line with too many columns here\n`, 'f', { limit: 2 });
    assert.equal(dataset.sentences.length, 2);
    assert.deepEqual(dataset.notices, []);
    assert.deepEqual(parseConll(IOB1, 'f', { limit: 5 }).notices, ['f: the limit 5 is more than the 2 sentences available; using all 2.']);
  });

  it('rejects a line with the wrong column count, naming file and line', () => {
    const content = IOB1.replace('rejects VBZ I-VP O', 'rejects VBZ O');
    throwsData(() => parseConll(content, 'eng.train'), /^eng\.train:4: expected 4 space-separated columns as on line 3, found 3\./);
  });

  it('rejects a line with a missing tag, naming file and line', () => {
    throwsData(() => parseConll('a\tO\nb\n', 'w.conll'), /^w\.conll:2: found only one column \("b"\); each line needs a word and its NER tag/);
  });

  it('rejects an invalid tag, naming file, line and tag', () => {
    throwsData(() => parseConll('EU NNP I-NP I-ORG\nrejects VBZ I-VP X-PER\n', 'eng.testa'), /^eng\.testa:2: "X-PER" is not a NER tag: expected O, B-<type> or I-<type>/);
    throwsData(() => parseConll('a B-\n', 'f'), /^f:1: "B-" is not a NER tag/);
  });

  it('calls a file without sentences an empty dataset', () => {
    throwsData(() => parseConll('', 'e.conll'), /^e\.conll: empty dataset: the file has no sentences\./);
    throwsData(() => parseConll('-DOCSTART- -X- O O\n\n\n', 'e.conll'), /empty dataset/);
  });

  it('reports a missing file as a data error', async () => {
    await assert.rejects(readConllFile(path.join(DATA_DIR, 'conll2003', 'eng.nothing')), /eng\.nothing: cannot read the dataset: no such file/);
  });
});

describe('the shared CoNLL files', () => {
  it('reads CoNLL-2003 eng.train and eng.testa as IOB1 with four types and the documented sentence counts', async () => {
    // Counts from ../shared/README.md: 14,041 and 3,250 sentences.
    for (const [name, count] of [
      ['eng.train', 14041],
      ['eng.testa', 3250],
    ] as const) {
      const dataset = await readConllFile(path.join(DATA_DIR, 'conll2003', name));
      assert.equal(dataset.sentences.length, count, name);
      assert.equal(dataset.scheme, 'iob1');
      assert.deepEqual(dataset.entityTypes, ['LOC', 'MISC', 'ORG', 'PER']);
      assert.ok(dataset.sentences.every((s) => s.tags.every((tag, i) => !tag.startsWith('I-') || s.tags[i - 1]?.slice(2) === tag.slice(2))));
    }
  });

  it('reads WNUT-17 train and dev as IOB2 with the six documented types', async () => {
    for (const name of ['wnut17train.conll', 'emerging.dev.conll']) {
      const dataset = await readConllFile(path.join(DATA_DIR, 'wnut17', name));
      assert.equal(dataset.scheme, 'iob2', name);
      assert.deepEqual(dataset.entityTypes, ['corporation', 'creative-work', 'group', 'location', 'person', 'product']);
      assert.ok(dataset.sentences.every((s) => s.words.length === s.tags.length && s.words.every((w) => w.length > 0)));
    }
  });
});
