/**
 * Our ids against transformers.js' on real text. Where the two disagree on purpose (transformers.js departs
 * from the Hugging Face Rust library the models were trained with), the last suite pins down the Rust behaviour.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { AutoTokenizer, PreTrainedTokenizer, env } from '@huggingface/transformers';
import type { Tokenizer } from '../../../src/core/encoders/types';
import { SHARED_DIR, TINY_GPT2 } from '../../shared-path';
import {
  bertCased,
  bertUncased,
  bertVariantFiles,
  build,
  conllSentences,
  encodeIds,
  gpt2,
  imdbReviews,
  llama2,
  llama3,
  llama3Files,
  metaspaceFiles,
  modernbert,
  modernbertFiles,
  qwen2,
  qwen2Files,
  replaceOnlyFiles,
  roberta,
  robertaFiles,
  unigram,
  unigramFiles,
  sst2Dev,
  texts,
  tokenizerFiles,
  type Json,
} from './fixtures';

const SST2 = sst2Dev();
const CONLL = conllSentences(1000);
const IMDB = imdbReviews(100);

type Reference = (text: string) => number[];

/** Texts (by index) where our ids differ from the reference's, with both id lists for the first few. */
function disagreements(ours: Tokenizer, reference: Reference, corpus: string[]): string[] {
  const found: string[] = [];
  corpus.forEach((text, i) => {
    const mine = encodeIds(ours, text);
    const theirs = reference(text);
    if (JSON.stringify(mine) !== JSON.stringify(theirs) && found.length < 3) {
      found.push(`#${i} ${JSON.stringify(text.slice(0, 80))}: ours ${mine.join(',')} / theirs ${theirs.join(',')}`);
    }
  });
  return found;
}

function fromFiles(files: { json: Json; config: Json }): Reference {
  const tokenizer = new PreTrainedTokenizer(files.json, files.config);
  return (text) => tokenizer.encode(text);
}

describe('ids agree with transformers.js on real text', () => {
  const references = new Map<string, Reference>();
  before(async () => {
    env.allowRemoteModels = false;
    env.localModelPath = path.join(SHARED_DIR, 'models');
    for (const name of ['tiny-bert-uncased', 'tiny-gpt2', 'fixtures/tiny-random-llama']) {
      const tokenizer = await AutoTokenizer.from_pretrained(name);
      references.set(name, (text) => tokenizer.encode(text));
    }
  });

  for (const [name, ours] of [
    ['tiny-bert-uncased', bertUncased()],
    ['tiny-gpt2', gpt2()],
    ['fixtures/tiny-random-llama', llama2()],
  ] as const) {
    for (const [corpus, items] of [
      ['SST-2 dev (872 sentences)', SST2],
      ['CoNLL-2003 eng.testa (1,000 sentences)', CONLL],
      ['IMDB (100 reviews)', IMDB],
    ] as const) {
      it(`${name}: ${corpus}`, () => {
        assert.equal(items.length > 99, true, 'the corpus was read');
        assert.deepEqual(disagreements(ours, references.get(name) as Reference, items), []);
      });
    }
  }
});

describe('variants agree with transformers.js built from the same files', () => {
  const corpus = [...SST2, ...CONLL, ...IMDB.slice(0, 20)];
  const variants: Array<[string, () => Tokenizer, () => { json: Json; config: Json }]> = [
    ['cased WordPiece (no lowercase, accents kept)', bertCased, () => bertVariantFiles({ lowercase: false, strip_accents: null })],
    [
      'lowercase without stripping accents',
      () => build(bertVariantFiles({ lowercase: true, strip_accents: false }), 'bert', 512),
      () => bertVariantFiles({ lowercase: true, strip_accents: false }),
    ],
    [
      'stripping accents without lowercase',
      () => build(bertVariantFiles({ lowercase: false, strip_accents: true }), 'bert', 512),
      () => bertVariantFiles({ lowercase: false, strip_accents: true }),
    ],
    ['RoBERTa specials', roberta, robertaFiles],
    ['GPT-2 with add_prefix_space', () => build(gpt2PrefixSpace(), 'gpt2', 512), gpt2PrefixSpace],
    ['SentencePiece BPE with a Metaspace pre-tokenizer (Llama 2 non-legacy, Mistral)', () => build(metaspaceFiles(), 'mistral', 8192), metaspaceFiles],
    ['SentencePiece BPE with only a Replace normalizer (Gemma)', () => build(replaceOnlyFiles(), 'gemma', 8192), replaceOnlyFiles],
    ['byte-level BPE with Llama 3’s Split pattern and ignore_merges', llama3, llama3Files],
    ['byte-level BPE with NFC and Qwen2’s Split pattern', qwen2, qwen2Files],
    ['ModernBERT’s byte-level BPE between [CLS] and [SEP]', modernbert, modernbertFiles],
    ['Unigram (XLM-R’s pipeline, the hand-written vocabulary)', unigram, unigramFiles],
  ];
  for (const [name, ours, files] of variants) {
    it(name, () => assert.deepEqual(disagreements(ours(), fromFiles(files()), corpus), []));
  }
});

function gpt2PrefixSpace(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_GPT2);
  files.json.pre_tokenizer = { ...(files.json.pre_tokenizer as Json), add_prefix_space: true };
  return files;
}

describe('where transformers.js departs from the Rust library, we follow Rust', () => {
  it('lowercases one character at a time, so a final capital sigma becomes σ, not ς', () => {
    // Rust's NormalizedString::lowercase maps each char with char::to_lowercase (no Final_Sigma context);
    // transformers.js lowercases the whole string with String.prototype.toLowerCase, which applies it.
    const tokens = bertUncased().tokenize('ΟΔΟΣ');
    assert.equal(texts(tokens).join('').replace(/##/g, ''), 'οδοσ');
  });

  it('splits CJK ideographs outside the BMP into one word each', () => {
    // The Rust ranges include U+20000..U+2A6DF; transformers.js tests UTF-16 units, so it never sees them.
    const text = '\u{20000}\u{20001}';
    const tokens = bertUncased().tokenize(text);
    assert.equal(tokens.length, 2);
    assert.deepEqual(
      tokens.map((token) => [token.start, token.end]),
      [
        [0, 2],
        [2, 4],
      ],
    );
  });
});
