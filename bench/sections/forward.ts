import { padBatch } from '../../src/core/encoders/encode/batch';
import { compareText } from '../../src/core/compare';
import type { Section } from '../context';
import { interleave, pairedRatio, timesOf } from '../interleave';
import { loadModel } from '../loaded-model';
import type { Measurement } from '../measurement';
import { standInProbes } from '../probes';
import { median } from '../stats';
import { imdbText, textOfTokens, tokenIds } from '../texts';
import { stockPipeline } from '../transformers-js';

/**
 * Items 1–3: one text, five ways, interleaved round by round: the raw untapped forward, the tapped forward,
 * the product's encode, compare (compareText with a probe of every pooling and fusion strategy), and
 * transformers.js' feature-extraction pipeline.
 */
export const forwardSection: Section = {
  id: 'forward',
  run: async ({ plan, scratchDir, log }) => {
    const source = imdbText();
    const measurements: Measurement[] = [];
    for (const model of plan.models) {
      log(`forward: ${model.label}`);
      const loaded = await loadModel(model, scratchDir);
      const probes = await standInProbes(loaded.encoder, scratchDir);
      const target = [{ encoder: loaded.encoder, probes: [...probes.sentiment, ...probes.ner] }];
      const pipeline = await stockPipeline(model);
      try {
        // The first compare builds the heads' ONNX graph and session (once per probe set); the rounds are warm.
        const firstStarted = performance.now();
        await compareText(textOfTokens(loaded.encoder.tokenizer, source, plan.forward.lengths[0]), target);
        const firstCompareMs = performance.now() - firstStarted;
        for (const length of plan.forward.lengths) {
          const text = textOfTokens(loaded.encoder.tokenizer, source, length);
          const ids = tokenIds(loaded.encoder.tokenizer, text);
          const padded = padBatch([{ text: 0, ids, targets: new Int32Array(0) }], loaded.padId);
          const headsMs: number[] = [];
          const times = await interleave(
            [
              { name: 'raw', run: () => loaded.raw.run([ids], loaded.padId) },
              { name: 'tapped', run: () => loaded.tapped.run(padded) },
              { name: 'encode', run: () => loaded.encoder.encode([text]) },
              { name: 'compare', run: async () => headsMs.push((await compareText(text, target)).encoders[0].timings.headsMs) },
              { name: 'transformers.js', run: () => pipeline.extract(text) },
            ],
            plan.forward,
          );
          const ms = (name: string) => median(timesOf(times, name));
          const subject = `${model.label}, ${ids.length} tokens`;
          const medians = {
            'raw ms': ms('raw'),
            'tapped ms': ms('tapped'),
            'encode ms': ms('encode'),
            'compare ms': ms('compare'),
            'transformers.js ms': ms('transformers.js'),
          };
          const ratio = (item: string, a: string, b: string, target: number, details: Measurement['details']) => {
            const spread = pairedRatio(times, a, b);
            measurements.push({ item, subject, value: spread.median, unit: 'ratio', spread, target: { op: '<=', value: target }, details });
          };
          ratio('1. compare / raw', 'compare', 'raw', 1.1, {
            ...medians,
            'heads ms (in compare)': median(headsMs),
            'first compare ms (builds the heads session)': firstCompareMs,
            'encode/raw': pairedRatio(times, 'encode', 'raw').median,
          });
          ratio('2. compare / transformers.js', 'compare', 'transformers.js', 1.0, {
            'compare ms': medians['compare ms'],
            'transformers.js ms': medians['transformers.js ms'],
          });
          ratio('3. tap overhead', 'tapped', 'raw', 1.05, {
            'tapped ms': medians['tapped ms'],
            'raw ms': medians['raw ms'],
            tapped: loaded.productFile,
            raw: loaded.rawFile,
          });
        }
      } finally {
        await pipeline.dispose();
        await loaded.release();
      }
    }
    return measurements;
  },
};
