import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { skippedNotices } from '../../../src/cli/encoder-probes';

const folder = path.join('/data', 'probes');
const at = (name: string) => path.join(folder, name);

test('one notice per kind of reason; a shared line leaves the folder out without placeholders or stray colons', () => {
  const identity = (name: string) =>
    `The probe ${at(name)} was trained for encoder "/m/tiny-bert", not "/m/other": hiddenSize is 128 there but 64 here. ` +
    'Train a probe for this encoder, or select the encoder it was trained for.';
  const shape = (name: string) => `${at(name)}: config.json: the head shape does not agree with its encoder and labels. Train the probe again.`;
  const weights = (name: string) => `${at(name)}/weights.safetensors is not a valid weights file: truncated. Train the probe again.`;
  const notices = skippedNotices(folder, [identity('ner-dwatt'), identity('ner-last'), shape('sentiment-max'), shape('sentiment-mean'), weights('ner-concat')]);
  assert.deepEqual(notices, [
    `Skipped 2 probes in ${folder} (ner-dwatt, ner-last): The probe was trained for encoder "/m/tiny-bert", not "/m/other": ` +
      'hiddenSize is 128 there but 64 here. Train a probe for this encoder, or select the encoder it was trained for.',
    `Skipped 2 probes in ${folder} (sentiment-max, sentiment-mean): config.json: the head shape does not agree with its encoder and labels. Train the probe again.`,
    `Skipped a probe: ${at('ner-concat')}/weights.safetensors is not a valid weights file: truncated. Train the probe again.`,
  ]);
  for (const notice of notices) assert.doesNotMatch(notice, /<probe>|\ue000|: :|\(\): /);
});
