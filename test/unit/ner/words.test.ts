import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinWords, splitWords } from '../../../src/core/ner/words';

const wordsOf = (text: string) => splitWords(text).map(({ start, end }) => text.slice(start, end));

describe('joinWords', () => {
  it('joins with single spaces and gives each word its span', () => {
    const { text, spans } = joinWords(['EU', 'rejects', 'German', 'call', '.']);
    assert.equal(text, 'EU rejects German call .');
    assert.deepEqual(spans.map(({ start, end }) => text.slice(start, end)), ['EU', 'rejects', 'German', 'call', '.']);
    assert.deepEqual(spans[1], { start: 3, end: 10 });
  });

  it('handles an empty sentence', () => {
    assert.deepEqual(joinWords([]), { text: '', spans: [] });
  });
});

describe('splitWords', () => {
  it('splits on whitespace and separates punctuation', () => {
    assert.deepEqual(wordsOf('  Hello,  world! (really)\n'), ['Hello', ',', 'world', '!', '(', 'really', ')']);
  });

  it('keeps joined forms together: dates, hyphenation, abbreviations, AT&T, handles, hashtags', () => {
    assert.deepEqual(wordsOf('On 1996-08-22 the U.S. and AT&T met @paulwalk #NLP re-election e.g. now'), [
      'On', '1996-08-22', 'the', 'U.S.', 'and', 'AT&T', 'met', '@paulwalk', '#NLP', 're-election', 'e.g.', 'now',
    ]);
  });

  it('splits a sentence-final period from a word, but not from an abbreviation', () => {
    assert.deepEqual(wordsOf('He left London. The U.K. agreed.'), ['He', 'left', 'London', '.', 'The', 'U.K.', 'agreed', '.']);
    assert.deepEqual(wordsOf('IBM is I.B.M'), ['IBM', 'is', 'I.B.M']);
  });

  it("splits a possessive 's off (Penn Treebank style) but keeps other contractions", () => {
    assert.deepEqual(wordsOf("Germany's chancellor won’t go; it’s late"), [
      'Germany', "'s", 'chancellor', 'won’t', 'go', ';', 'it', '’s', 'late',
    ]);
  });

  it('handles non-Latin scripts, accents, emoji and dashes', () => {
    assert.deepEqual(wordsOf('naïve café — Tōkyō 東京 🚀 résumé'), ['naïve', 'café', '—', 'Tōkyō', '東京', '🚀', 'résumé']);
  });

  it('gives spans that slice the original text, in order and without overlap', () => {
    const text = "It's a truly awful film.\r\nSecond line   follows…";
    const spans = splitWords(text);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end);
    assert.deepEqual(wordsOf(text), ['It', "'s", 'a', 'truly', 'awful', 'film', '.', 'Second', 'line', 'follows', '…']);
  });

  it('returns nothing for blank text', () => {
    assert.deepEqual(splitWords(' \n\t '), []);
  });
});

describe('splitWords: what nobody sees, and grapheme clusters', () => {
  it('never makes a word of control or zero-width characters', () => {
    // A joiner after a letter belongs to its grapheme cluster, so it stays inside that word.
    assert.deepEqual(wordsOf('Ada\u200b Lovelace \u0007\u001b[31m in\u0000 London\u200d'), ['Ada', 'Lovelace', '[', '31m', 'in', 'London\u200d']);
    assert.deepEqual(wordsOf('\u200b\u200b\u200b'), []);
    assert.deepEqual(wordsOf('\ufeff\u00ad\u2060'), []);
  });

  it('keeps an emoji ZWJ sequence, a flag and a skin tone as one word each', () => {
    assert.deepEqual(wordsOf('family 👩‍👩‍👧‍👦 from 🇩🇪 waves 👋🏽!'), ['family', '👩‍👩‍👧‍👦', 'from', '🇩🇪', 'waves', '👋🏽', '!']);
    assert.deepEqual(wordsOf('👨‍👩‍👧‍👦👍🏿'), ['👨‍👩‍👧‍👦', '👍🏿']);
  });

  it('a word never splits a grapheme cluster: spans start and end on cluster boundaries', () => {
    const text = 'e\u0301te\u0301 naïve 👩🏽‍🚀 ok';
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const starts = new Set([...segmenter.segment(text)].map((s) => s.index).concat(text.length));
    for (const { start, end } of splitWords(text)) assert.ok(starts.has(start) && starts.has(end), `${start}-${end}`);
    assert.deepEqual(wordsOf(text), ['e\u0301te\u0301', 'naïve', '👩🏽‍🚀', 'ok']);
  });
});
