import type { EncodeOptions, Encoder, EncoderIdentity, HiddenStates, Token, Tokenizer } from '../../../src/core/encoders/types';
import { throwIfCancelled } from '../../../src/core/errors';

/** A deterministic pseudo-random value in [-1, 1) from a string and two integers (FNV-1a, then a mix). */
function noise(text: string, a: number, b: number): number {
  let h = 0x811c9dc5 ^ (a * 0x9e3779b1) ^ (b * 0x85ebca6b);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return ((h >>> 0) / 4294967296) * 2 - 1;
}

/**
 * Words that carry signal in the fake features: feature 0 of every layer rises for "good" words and falls
 * for "bad" ones; feature 1 of the LOWER layers only marks capitalised words (so fusion heads that read
 * lower layers can find names the last layer hides).
 */
const POSITIVE = new Set(['good', 'great', 'fine']);
const NEGATIVE = new Set(['bad', 'awful', 'poor']);

/**
 * A stand-in encoder for unit tests: whitespace tokens, words longer than 6 characters split into two
 * subwords, [CLS]/[SEP] around them, and hidden states that are a deterministic function of each token.
 */
export class FakeEncoder implements Encoder {
  readonly tokenizer: Tokenizer;
  readonly runtime = { threads: 1, provider: 'cpu' } as const;
  encodeCalls = 0;

  constructor(readonly identity: EncoderIdentity) {
    this.tokenizer = {
      family: identity.family,
      maxLength: 512,
      padId: 0,
      specialCount: 2,
      tokenize: (text) => tokenize(text),
      withSpecials: (content, textLength) => [special('[CLS]', 0), ...content, special('[SEP]', textLength)],
    };
  }

  async encode(texts: string[], options: EncodeOptions = {}): Promise<HiddenStates[]> {
    this.encodeCalls++;
    await new Promise((resolve) => setImmediate(resolve));
    throwIfCancelled(options.signal);
    return texts.map((text) => this.states(text));
  }

  private states(text: string): HiddenStates {
    const { layers: blocks, hiddenSize } = this.identity;
    const tokens = this.tokenizer.withSpecials(this.tokenizer.tokenize(text), text.length);
    const layers = Array.from({ length: blocks + 1 }, (_, l) => {
      const data = new Float32Array(tokens.length * hiddenSize);
      tokens.forEach((token, t) => {
        const word = token.text.toLowerCase();
        for (let j = 0; j < hiddenSize; j++) data[t * hiddenSize + j] = 0.5 * noise(token.text, l, j);
        if (POSITIVE.has(word)) data[t * hiddenSize] += 2;
        if (NEGATIVE.has(word)) data[t * hiddenSize] -= 2;
        if (l < blocks / 2 && /^[A-Z]/.test(token.text)) data[t * hiddenSize + 1] += 2;
      });
      return data;
    });
    return { text, tokens, numLayers: blocks + 1, hiddenSize, layers };
  }

  async dispose(): Promise<void> {}
}

function special(text: string, at: number): Token {
  return { id: 1, text, start: at, end: at, special: true };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const start = match.index;
    const word = match[0];
    if (word.length > 6) {
      tokens.push({ id: 2, text: word.slice(0, 4), start, end: start + 4, special: false });
      tokens.push({ id: 3, text: `##${word.slice(4)}`, start: start + 4, end: start + word.length, special: false });
    } else {
      tokens.push({ id: 2, text: word, start, end: start + word.length, special: false });
    }
  }
  return tokens;
}

export function fakeIdentity(overrides: Partial<EncoderIdentity> = {}): EncoderIdentity {
  return { name: 'fake-bert', family: 'bert', layers: 4, hiddenSize: 8, dtype: 'fp32', fingerprint: 'f'.repeat(64), ...overrides };
}
