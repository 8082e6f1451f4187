import * as assert from 'node:assert/strict';
import { EXECUTION_PROVIDERS } from '../../../src/core/encoders/session/session-options';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { defaultEncoders } from '../../../src/core/catalogue';
import { FUSION_STRATEGIES } from '../../../src/core/heads/registry';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import { DEFAULT_SETTINGS, LIMITS, parseSettings, SETTINGS_SECTION } from '../../../src/extension/settings/parse-settings';

interface SchemaProperty {
  default: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  items?: { enum?: unknown[] };
  markdownDescription?: string;
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const schema = manifest.contributes.configuration.properties as Record<string, SchemaProperty>;
const keys = Object.keys(schema).map((key) => key.slice(SETTINGS_SECTION.length + 1));

/** The parsed value of a dotted key ("hover.enabled") in a settings object. */
function valueAt(settings: object, key: string): unknown {
  return key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], settings);
}

const readFrom = (values: Record<string, unknown>) => (key: string) => values[key];

test('every setting in package.json is documented, and its default is the one the extension falls back to', () => {
  assert.ok(keys.length >= 15, `only ${keys.length} settings contributed`);
  for (const key of keys) {
    assert.ok((schema[`${SETTINGS_SECTION}.${key}`].markdownDescription ?? '').length > 20, `${key} has no markdownDescription`);
    assert.deepEqual(schema[`${SETTINGS_SECTION}.${key}`].default, valueAt(DEFAULT_SETTINGS, key), `${key}: package.json default`);
  }
});

test('with nothing set, every setting reads as its default, without problems', () => {
  const { settings, problems } = parseSettings(() => undefined);
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  assert.deepEqual(problems, []);
});

test('the default encoders are the catalogue\'s BERT-family and GPT-family defaults', () => {
  const { bert, gpt } = defaultEncoders();
  assert.deepEqual(DEFAULT_SETTINGS.encoders, [bert.id, gpt.id]);
});

test('the schema offers exactly the strategies the heads implement, and the numeric bounds the parser enforces', () => {
  assert.deepEqual(schema['probeLens.poolingStrategies'].items?.enum, [...POOLING_STRATEGIES]);
  assert.deepEqual(schema['probeLens.fusionStrategies'].items?.enum, [...FUSION_STRATEGIES]);
  assert.deepEqual(schema['probeLens.hover.strategy'].enum, [...FUSION_STRATEGIES]);
  assert.deepEqual(schema['probeLens.executionProvider'].enum, [...EXECUTION_PROVIDERS]);
  for (const [key, bounds] of [
    ['maxCharacters', LIMITS.maxCharacters],
    ['threads', LIMITS.threads],
    ['training.fewShotSize', LIMITS.fewShotSize],
    ['training.seed', LIMITS.seed],
  ] as const) {
    assert.equal(schema[`probeLens.${key}`].minimum, bounds.min, key);
    assert.equal(schema[`probeLens.${key}`].maximum, bounds.max, key);
  }
});

test('valid values are taken as given (lists trimmed and de-duplicated)', () => {
  const { settings, problems } = parseSettings(
    readFrom({
      encoders: [' /models/a ', 'Xenova/gpt2', 'Xenova/gpt2'],
      dtype: 'q8',
      poolingStrategies: ['weighted', 'mean'],
      'hover.languages': [],
      maxCharacters: 100_000,
      'training.datasetBaseUrl': 'http://127.0.0.1:8080/data',
    }),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.encoders, ['/models/a', 'Xenova/gpt2']);
  assert.equal(settings.dtype, 'q8');
  assert.deepEqual(settings.poolingStrategies, ['weighted', 'mean']);
  assert.deepEqual(settings.hover.languages, []);
  assert.equal(settings.maxCharacters, 100_000);
  assert.equal(settings.training.datasetBaseUrl, 'http://127.0.0.1:8080/data');
});

test('each invalid value falls back to its default with a message naming the setting and the value', () => {
  const cases: Array<[string, unknown]> = [
    ['encoders', []],
    ['encoders', 'Xenova/gpt2'],
    ['encoders', ['ok', 3]],
    ['dtype', 'int4'],
    ['poolingStrategies', ['median']],
    ['fusionStrategies', 'dwatt'],
    ['hover.enabled', 'yes'],
    ['hover.strategy', 'attention'],
    ['hover.languages', [''] ],
    ['maxCharacters', -5],
    ['maxCharacters', 12.5],
    ['maxCharacters', 1e9],
    ['threads', '4'],
    ['offline', 1],
    ['modelsRoot', 42],
    ['training.nerDataset', 'ontonotes'],
    ['training.datasetBaseUrl', 'ftp://mirror/data'],
    ['training.datasetBaseUrl', 'not a url'],
    ['training.fewShotSize', 0],
    ['training.seed', -1],
    ['training.sentimentLabelNames', ['negative', 'positive']],
    ['training.sentimentLabelNames', { 0: 'negative', 1: 2 }],
    ['training.sentimentLabelNames', { 1: ' ' }],
  ];
  for (const [key, value] of cases) {
    const { settings, problems } = parseSettings(readFrom({ [key]: value }));
    assert.equal(problems.length, 1, `${key} = ${JSON.stringify(value)}: ${problems.join(' | ')}`);
    assert.match(problems[0], new RegExp(`^probeLens\\.${key.replace('.', '\\.')} `), problems[0]);
    assert.ok(problems[0].includes(JSON.stringify(value).slice(0, 20)), `the message shows the value: ${problems[0]}`);
    assert.deepEqual(valueAt(settings, key), valueAt(DEFAULT_SETTINGS, key), key);
  }
});

test('unknown strategies among known ones are dropped with a message; the known ones stay', () => {
  const { settings, problems } = parseSettings(readFrom({ fusionStrategies: ['dwatt', 'attention', 'last'] }));
  assert.deepEqual(settings.fusionStrategies, ['dwatt', 'last']);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /"attention"/);
});

test('more encoders than the limit keep the first ones', () => {
  const { settings, problems } = parseSettings(readFrom({ encoders: ['a', 'b', 'c', 'd', 'e'] }));
  assert.deepEqual(settings.encoders, ['a', 'b', 'c', 'd'].slice(0, LIMITS.encoders.max));
  assert.equal(problems.length, 1);
});

test('a dev file without a training file is ignored with a message', () => {
  const { settings, problems } = parseSettings(readFrom({ 'training.nerDevFile': '/data/dev.conll' }));
  assert.equal(settings.training.nerDevFile, '');
  assert.equal(problems.length, 1);
  assert.match(problems[0], /nerTrainFile is empty/);
});

test('sentiment label names map raw labels to names, trimmed like the labels the reader reads', () => {
  const { settings, problems } = parseSettings(readFrom({ 'training.sentimentLabelNames': { ' 0 ': 'negative ', 1: 'positive' } }));
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.training.sentimentLabelNames, { 0: 'negative', 1: 'positive' });
});
