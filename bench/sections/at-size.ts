import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { runChild } from '../child-process';
import type { AtSizeRequest, AtSizeResult } from '../children/at-size';
import type { Section } from '../context';
import { notAvailable, type Measurement } from '../measurement';

const CHILD = path.join(__dirname, '..', 'children', 'at-size.ts');
const TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Item 9: models at the sizes users run (a SmolLM-shaped Llama, a bert-base-sized BERT; the tiny Llama fixture
 * in the quick run), each in its own child from a cold tap cache: the first load's tap time, the tapped graph
 * on disk beside the model, compare with a probe of every strategy over the stock graph's forward, and peak RSS.
 */
export const atSizeSection: Section = {
  id: 'at-size',
  run: async ({ plan, scratchDir, log }) => {
    const measurements: Measurement[] = [];
    for (const model of plan.atSize.models) {
      const subject = model.label;
      if (!existsSync(model.dir)) {
        measurements.push(notAvailable('9. at size: compare / raw', subject, 'ratio', `${model.dir} (run ../shared/tools/make_realsize.py)`, { op: '<=', value: 1.1 }));
        continue;
      }
      log(`at-size: ${subject}`);
      const request: AtSizeRequest = { modelDir: model.dir, scratchDir: path.join(scratchDir, 'at-size', path.basename(model.dir)), ...plan.atSize.timing };
      const r = await runChild<AtSizeResult>(CHILD, request, TIMEOUT_MS);
      const shape = `${r.family} ${r.layers} × ${r.hiddenSize}`;
      measurements.push({
        item: '9. at size: tap time (first load)',
        subject: `${subject} (${shape})`,
        value: r.tapMs,
        unit: 'ms',
        details: { 'tap s': r.tapMs / 1000, 'first load s': r.firstLoadMs / 1000, 'cached load s': r.cachedLoadMs / 1000, 'LM head check': r.lmHeadCheck },
      });
      measurements.push({
        item: '9. at size: tapped graph / model files',
        subject: `${subject} (${shape})`,
        value: r.tappedBytes / r.modelBytes,
        unit: 'ratio',
        target: { op: '<=', value: 0.05 },
        details: { 'tapped graph MB': r.tappedBytes / 2 ** 20, 'model files MB': r.modelBytes / 2 ** 20 },
      });
      for (const length of r.perLength) {
        measurements.push({
          item: '9. at size: compare / raw',
          subject: `${subject}, ${length.tokens} tokens`,
          value: length.compareOverRaw.median,
          unit: 'ratio',
          spread: length.compareOverRaw,
          target: { op: '<=', value: 1.1 },
          details: { 'compare ms': length.compareMs, 'raw ms (stock graph)': length.rawMs, 'heads ms (in compare)': length.headsMs },
        });
      }
      measurements.push({
        item: '9. at size: peak RSS (load, train stand-in probes, compare)',
        subject: `${subject} (${shape})`,
        value: r.productPeakRssMb,
        unit: 'MB',
        details: {
          'RSS after loading MB': r.rssAfterLoadMb,
          'model files MB': r.modelBytes / 2 ** 20,
          'peak with the stock reference session too MB': r.peakRssMb,
        },
      });
    }
    return measurements;
  },
};
