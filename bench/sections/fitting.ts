import * as path from 'node:path';
import { type Task } from '../../src/core/task';
import { runChild } from '../child-process';
import type { FitRequest, FitResult } from '../children/fit-heads';
import type { Section } from '../context';
import type { Measurement } from '../measurement';

const CHILD = path.join(__dirname, '..', 'children', 'fit-heads.ts');
const TIMEOUT_MS = 60 * 60 * 1000;
const DATA_NAMES: Record<Task, string> = { sentiment: 'SST-2', ner: 'CoNLL' };

/**
 * Items 5 and 8: every head of a task trained on N sentences in a child process, with the product's default
 * hyperparameters: fitting time (training and dev scoring; writing the probe folders is listed beside it)
 * over extraction time, and the peak RSS of the NER training.
 */
export const fittingSection: Section = {
  id: 'fitting',
  run: async ({ plan, scratchDir, log }) => {
    const measurements: Measurement[] = [];
    for (const model of plan.fitting.models) {
      for (const task of ['sentiment', 'ner'] as const) {
        log(`fitting: ${model.label} ${task}`);
        const request: FitRequest = {
          modelDir: model.dir,
          dtype: model.dtype,
          task,
          sentences: plan.fitting.sentences,
          epochs: plan.fitting.epochs,
          scratchDir: path.join(scratchDir, 'fit', `${model.id}-${model.dtype}-${task}`),
        };
        const result = await runChild<FitResult>(CHILD, request, TIMEOUT_MS);
        const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
        const fitMs = sum(result.trainMs);
        const subject = `${model.label}, ${plan.fitting.sentences} ${DATA_NAMES[task]} sentences`;
        const epochs = plan.fitting.epochs === undefined ? 'default' : String(plan.fitting.epochs);
        measurements.push({
          item: '5. head fitting share',
          subject,
          value: fitMs / result.featuresMs,
          unit: 'ratio',
          target: { op: '<=', value: 0.1 },
          details: {
            'extraction ms': result.featuresMs,
            'fitting ms': fitMs,
            'saving ms (fsynced probe folders, not in the ratio)': sum(result.saveMs),
            epochs,
            ...Object.fromEntries(Object.entries(result.trainMs).map(([s, ms]) => [`${s} ms (${result.epochsRun[s]} ep)`, ms])),
          },
        });
        if (task === 'ner') {
          measurements.push({
            item: '8. peak RSS, training every NER head',
            subject,
            value: result.maxRssMb,
            unit: 'MB',
            details: { 'RSS after loading the encoder MB': result.rssAfterLoadMb, epochs },
          });
        }
      }
    }
    return measurements;
  },
};
