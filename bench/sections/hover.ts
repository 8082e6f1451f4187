import { probeWithEncoder } from '../../src/core/compare';
import type { Section } from '../context';
import { loadModel } from '../loaded-model';
import type { Measurement } from '../measurement';
import { standInProbes } from '../probes';
import { quantile, spread } from '../stats';
import { CONLL_DEV, conll, distinctTexts } from '../texts';

/** The fusion strategy hovers use by default (the probeLens.hover.strategy setting). */
const HOVER_STRATEGY = 'dwatt';

/**
 * Item 6: an NER hover on a line of news text of 100 tokens, warm (encoder and probe loaded) but a cache
 * miss (every repetition hovers a different line): what the worker does for a hover, one encoder pass and
 * the hover strategy's tags (probeWithEncoder); the editor's debounce and the worker round trip excluded.
 */
export const hoverSection: Section = {
  id: 'hover',
  run: async ({ plan, scratchDir, log }) => {
    const { tokens, warmup, repetitions } = plan.hover;
    const news = (await conll(2000, CONLL_DEV)).sentences.map((s) => s.words.join(' ')).join(' ');
    const measurements: Measurement[] = [];
    for (const model of plan.models) {
      log(`hover: ${model.label}`);
      const loaded = await loadModel(model, scratchDir);
      try {
        const probes = await standInProbes(loaded.encoder, scratchDir);
        const probe = probes.ner.find((p) => p.config.strategy === HOVER_STRATEGY);
        if (!probe) throw new Error(`no ${HOVER_STRATEGY} probe was trained`);
        const lines = distinctTexts(loaded.encoder.tokenizer, news, tokens, warmup + repetitions);
        const times: number[] = [];
        for (const [i, line] of lines.entries()) {
          const started = performance.now();
          await probeWithEncoder(line, { encoder: loaded.encoder, probes: [probe] }, { pooling: [], fusion: [HOVER_STRATEGY] });
          if (i >= warmup) times.push(performance.now() - started);
        }
        measurements.push({
          item: '6. hover latency p95',
          subject: `${model.label}, ${tokens}-token line, ${HOVER_STRATEGY} probe`,
          value: quantile(times, 0.95),
          unit: 'ms',
          spread: spread(times),
          target: { op: '<=', value: 50 },
          details: { 'p50 ms': quantile(times, 0.5) },
        });
      } finally {
        await loaded.release();
      }
    }
    return measurements;
  },
};
