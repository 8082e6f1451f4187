import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CliIo } from '../../../src/cli/command';
import { markEntities, topWeightedTokens } from '../../../src/cli/compare-output';
import { progressBar, TrainingProgressView } from '../../../src/cli/progress-bar';
import { renderTable } from '../../../src/cli/table';
import type { Token } from '../../../src/core/encoders/types';
import type { TrainingEvent } from '../../../src/core/train/train-probes';

function capture(interactive: boolean): { io: CliIo; notes: string[]; status: string[] } {
  const notes: string[] = [];
  const status: string[] = [];
  const io: CliIo = {
    write: async () => undefined,
    note: (text) => notes.push(text),
    progress: () => undefined,
    readStdin: async () => new Uint8Array(0),
    signal: new AbortController().signal,
  };
  if (interactive) io.status = (text) => status.push(text);
  return { io, notes, status };
}

const progress = (epoch: number, step: number, devMetric?: number) => ({ epoch, epochs: 4, step, stepsPerEpoch: 2, loss: 0.5, devMetric });
const EVENTS: TrainingEvent[] = [
  { kind: 'features', split: 'train', done: 8, total: 16 },
  { kind: 'features', split: 'train', done: 16, total: 16 },
  { kind: 'features', split: 'dev', done: 4, total: 4 },
  { kind: 'epoch', strategy: 'mean', progress: progress(1, 2, 0.75) },
  { kind: 'saved', strategy: 'mean', dir: '/p/sentiment-mean', metrics: { accuracy: 0.75, macroF1: 0.7 } },
  { kind: 'epoch', strategy: 'max', progress: progress(1, 2, 0.5) },
  { kind: 'saved', strategy: 'max', dir: '/p/sentiment-max', metrics: { accuracy: 0.5, macroF1: 0.5 } },
];

/** The stage lines EVENTS produce, with or without a terminal (timings stripped). */
const STAGE_LINES = [
  'tiny · sentiment: features of 16 train examples extracted',
  'tiny · sentiment: features of 4 dev examples extracted',
  'tiny · sentiment: mean probe saved (dev accuracy 0.750)',
  'tiny · sentiment: max probe saved (dev accuracy 0.500)',
];

describe('training progress', () => {
  test('the bar fills with the fraction', () => {
    assert.equal(progressBar(0, 4), '[░░░░]   0%');
    assert.equal(progressBar(0.5, 4), '[██░░]  50%');
    assert.equal(progressBar(1, 4), '[████] 100%');
  });

  test('on a terminal: a status line with features %, then head, epoch, loss and dev score; a line per stage', () => {
    const { io, notes, status } = capture(true);
    const view = new TrainingProgressView(io, 'tiny · sentiment', 'sentiment', ['mean', 'max']);
    EVENTS.forEach((event) => view.onEvent(event));
    view.finish();
    assert.match(status[0], /^tiny · sentiment \[█+░+\] +\d+% features \(train\) 8\/16/);
    assert.ok(status.some((line) => /head 1\/2 mean · epoch 1\/4 · loss 0\.500 · dev accuracy 0\.750/.test(line)), status.join('\n'));
    assert.ok(status.some((line) => /head 2\/2 max · epoch 1\/4 · loss 0\.500 · dev accuracy 0\.500/.test(line)), status.join('\n'));
    assert.equal(status.at(-1), '', 'the status line is cleared at the end');
    assert.deepEqual(
      notes.map((note) => note.replace(/ in \d+ ms$/, '')),
      STAGE_LINES,
    );
  });

  test('without a terminal: only the stage lines (no status, no per-step noise)', () => {
    const { io, notes, status } = capture(false);
    const view = new TrainingProgressView(io, 'tiny · sentiment', 'sentiment', ['mean', 'max']);
    EVENTS.forEach((event) => view.onEvent(event));
    view.finish();
    assert.deepEqual(status, []);
    assert.deepEqual(
      notes.map((note) => note.replace(/ in \d+ ms$/, '')),
      STAGE_LINES,
    );
  });
});

describe('compare output pieces', () => {
  const text = 'Ada Lovelace met Babbage in London.';
  test('entities are marked inline, the rest of the text unchanged', () => {
    const spans = [
      { start: 28, end: 34, type: 'LOC', text: 'London', confidence: 0.9 },
      { start: 0, end: 12, type: 'PER', text: 'Ada Lovelace', confidence: 0.8 },
    ];
    assert.equal(markEntities(text, spans), '[Ada Lovelace]PER met Babbage in [London]LOC.');
    assert.equal(markEntities(text, []), text);
  });

  test('top weighted tokens skip special tokens and name the words by their text', () => {
    const token = (start: number, end: number, special = false): Token => ({ id: 0, text: special ? '[CLS]' : text.slice(start, end), start, end, special });
    const tokens = [token(0, 0, true), token(0, 3), token(4, 12), token(17, 24), token(35, 35, true)];
    assert.equal(topWeightedTokens(text, tokens, [0.9, 0.1, 0.3, 0.2, 0.05], 2), 'Lovelace 0.30, Babbage 0.20');
  });

  test('tables pad columns and right-align numbers', () => {
    const table = renderTable([{ header: 'strategy' }, { header: 'score', align: 'right' }], [['mean', '0.5'], ['weighted', '0.75']]);
    assert.equal(table, 'strategy  score\nmean        0.5\nweighted   0.75');
  });
});
