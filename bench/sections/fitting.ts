import * as path from 'node:path';
import { type Task } from '../../src/core/task';
import { runChild } from '../child-process';
import type { FitRequest, FitResult } from '../children/fit-heads';
import type { Section } from '../context';
import type { Measurement } from '../measurement';

const CHILD = path.join(__dirname, '..', 'children', 'fit-heads.ts');
const TIMEOUT_MS = 2 * 60 * 60 * 1000;
const DATA_NAMES: Record<Task, string> = { sentiment: 'SST-2', ner: 'CoNLL' };

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/**
 * Items 5 and 8, and issue 11's end-to-end measure: every head of each task trained in a child process as the
 * extension trains them by default (N sampled sentences, dev from the shared dev file, the product's
 * hyperparameters and threads): extraction time, fitting time per head (training and dev scoring) with its
 * epochs, fitting over extraction, the peak RSS of each task's training, and all heads of both tasks together.
 */
export const fittingSection: Section = {
  id: 'fitting',
  run: async ({ plan, scratchDir, log }) => {
    const measurements: Measurement[] = [];
    const { sentences, epochs, fitTargetSeconds } = plan.fitting;
    const epochsSetting = epochs === undefined ? 'product default' : String(epochs);
    for (const model of plan.fitting.models) {
      const results = new Map<Task, FitResult>();
      for (const task of ['sentiment', 'ner'] as const) {
        log(`fitting: ${model.label} ${task}`);
        const request: FitRequest = {
          modelDir: model.dir,
          dtype: model.dtype,
          task,
          sentences,
          epochs,
          threads: plan.fitting.threads,
          scratchDir: path.join(scratchDir, 'fit', `${model.id}-${model.dtype}-${task}`),
          cacheDir: path.join(scratchDir, 'cache'),
        };
        const result = await runChild<FitResult>(CHILD, request, TIMEOUT_MS);
        results.set(task, result);
        const fitMs = sum(result.trainMs);
        const subject = `${model.label}, ${result.trainSentences} ${DATA_NAMES[task]} sentences (dev ${result.devSentences})`;
        measurements.push({
          item: '5. head fitting share',
          subject,
          value: fitMs / result.featuresMs,
          unit: 'ratio',
          target: { op: '<=', value: 0.1 },
          details: {
            'extraction s (train and dev)': result.featuresMs / 1000,
            'fitting s': fitMs / 1000,
            'saving ms (fsynced probe folders, not in the ratio)': sum(result.saveMs),
            epochs: epochsSetting,
            threads: result.threads,
            // Each head's fitting time and the epochs it ran (early stopping).
            ...Object.fromEntries(Object.entries(result.trainMs).map(([s, ms]) => [`${s} s (${result.epochsRun[s]} ep)`, ms / 1000])),
          },
        });
        measurements.push({
          item: '8. peak RSS, training every head of a task',
          subject,
          value: result.maxRssMb,
          unit: 'MB',
          details: { 'RSS after loading the encoder MB': result.rssAfterLoadMb, epochs: epochsSetting },
        });
      }
      const fitSeconds = [...results.values()].reduce((total, r) => total + sum(r.trainMs) / 1000, 0);
      const extractionSeconds = [...results.values()].reduce((total, r) => total + r.featuresMs / 1000, 0);
      measurements.push({
        item: 'fitting every head of both tasks',
        subject: `${model.label}, ${sentences} SST-2 + ${sentences} CoNLL sentences`,
        value: fitSeconds,
        unit: 's',
        target: fitTargetSeconds === undefined ? undefined : { op: '<=', value: fitTargetSeconds },
        details: {
          heads: [...results.values()].reduce((n, r) => n + Object.keys(r.trainMs).length, 0),
          'extraction s (both tasks, train and dev)': extractionSeconds,
          'fitting + extraction s': fitSeconds + extractionSeconds,
          epochs: epochsSetting,
        },
      });
    }
    return measurements;
  },
};
