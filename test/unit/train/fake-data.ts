import type { NerDataset, SentimentDataset } from '../../../src/core/data/types';
import { Random } from '../../../src/core/random';

const POSITIVE = ['good', 'great', 'fine'];
const NEGATIVE = ['bad', 'awful', 'poor'];
const FILLER = ['the', 'movie', 'was', 'quite', 'a', 'story', 'plot', 'acting', 'really', 'somewhat'];
const NAMES = ['Paris', 'Berlin', 'Alice', 'Roberto', 'Kinshasa'];

/** Sentences whose label is carried by one sentiment word among fillers. */
export function fakeSentiment(count: number, seed: number, file = 'fake-sentiment.tsv'): SentimentDataset {
  const random = new Random(seed);
  const pick = (words: string[]) => words[random.int(words.length)];
  const examples = Array.from({ length: count }, (_, i) => {
    const positive = random.next() < 0.5;
    const words = Array.from({ length: 3 + random.int(5) }, () => pick(FILLER));
    words.splice(random.int(words.length + 1), 0, pick(positive ? POSITIVE : NEGATIVE));
    return { text: words.join(' '), label: positive ? '1' : '0', line: i + 2 };
  });
  return { task: 'sentiment', file, textField: 'sentence', labelField: 'label', examples, notices: [] };
}

/** Sentences where capitalised names (visible to the fake encoder's lower layers only) are LOC entities. */
export function fakeNer(count: number, seed: number, file = 'fake.conll'): NerDataset {
  const random = new Random(seed);
  let line = 1;
  const sentences = Array.from({ length: count }, () => {
    const words: string[] = [];
    const tags: string[] = [];
    const length = 3 + random.int(6);
    for (let w = 0; w < length; w++) {
      if (random.next() < 0.3) {
        words.push(NAMES[random.int(NAMES.length)]);
        tags.push('B-LOC');
      } else {
        words.push(FILLER[random.int(FILLER.length)]);
        tags.push('O');
      }
    }
    const sentence = { words, tags, line };
    line += length + 1;
    return sentence;
  });
  return { task: 'ner', file, scheme: 'iob2', sentences, entityTypes: ['LOC'], notices: [] };
}
