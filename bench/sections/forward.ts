import { compareText } from '../../src/core/compare';
import { padBatch } from '../../src/core/encoders/encode/batch';
import { buildHeadsGraph } from '../../src/core/heads/graph/heads-graph';
import { HeadsSession } from '../../src/core/heads/graph/heads-session';
import { wordTokenRows } from '../../src/core/ner/align';
import { splitWords } from '../../src/core/ner/words';
import type { Section } from '../context';
import { interleave, pairedRatio, timesOf, type Contender } from '../interleave';
import { loadModel } from '../loaded-model';
import { notAvailable, type Measurement } from '../measurement';
import { standInProbes } from '../probes';
import { describeTorch, findTorch } from '../pytorch';
import { median, spread } from '../stats';
import { imdbText, textOfTokens, tokenIds } from '../texts';
import { peerConfig, TorchForward } from '../torch-forward';
import { stockPipeline } from '../transformers-js';

const PEER_ITEM = '1. compare / PyTorch (encoder + the ten heads)';

/**
 * Items 1–3: one text, several ways, interleaved round by round: the raw untapped forward, the tapped forward,
 * the product's encode, compare (compareText with a probe of every pooling and fusion strategy), the probes'
 * heads graph alone (HeadsSession on the text's hidden states), transformers.js' feature-extraction pipeline,
 * and PyTorch doing compare's work (an encoder of the same shape and the ten heads, bench/peers/torch_forward.py,
 * with the product's thread count) when /usr/bin/python3 has torch.
 */
export const forwardSection: Section = {
  id: 'forward',
  run: async ({ plan, scratchDir, log }) => {
    const source = imdbText();
    const torch = await findTorch();
    const measurements: Measurement[] = [];
    for (const model of plan.models) {
      log(`forward: ${model.label}`);
      const loaded = await loadModel(model, scratchDir);
      const probes = await standInProbes(loaded.encoder, scratchDir);
      const all = [...probes.sentiment, ...probes.ner];
      const target = [{ encoder: loaded.encoder, probes: all }];
      const pipeline = await stockPipeline(model);
      const heads = await HeadsSession.create(buildHeadsGraph(all), loaded.encoder.runtime);
      const labels = { sentiment: probes.sentiment[0].config.labels.length, ner: probes.ner[0].config.labels.length };
      const peer = torch.available ? await TorchForward.start(peerConfig(model.dir, loaded.config, loaded.encoder.runtime.threads, labels)) : undefined;
      try {
        // The first compare builds the heads' ONNX graph and session (once per probe set); the rounds are warm.
        const firstStarted = performance.now();
        await compareText(textOfTokens(loaded.encoder.tokenizer, source, plan.forward.lengths[0]), target);
        const firstCompareMs = performance.now() - firstStarted;
        for (const length of plan.forward.lengths) {
          const text = textOfTokens(loaded.encoder.tokenizer, source, length);
          const ids = tokenIds(loaded.encoder.tokenizer, text);
          const padded = padBatch([{ text: 0, ids, targets: new Int32Array(0) }], loaded.padId);
          const [states] = await loaded.encoder.encode([text]);
          const words = splitWords(text);
          const wordRows = wordTokenRows(states, words).rows;
          const headsMs: number[] = [];
          const peerMs: number[] = [];
          const contenders: Contender[] = [
            { name: 'raw', run: () => loaded.raw.run([ids], loaded.padId) },
            { name: 'tapped', run: () => loaded.tapped.run(padded) },
            { name: 'encode', run: () => loaded.encoder.encode([text]) },
            { name: 'compare', run: async () => headsMs.push((await compareText(text, target)).encoders[0].timings.headsMs) },
            { name: 'heads alone', run: () => heads.run(states, wordRows) },
            { name: 'transformers.js', run: () => pipeline.extract(text) },
          ];
          if (peer) contenders.push({ name: 'pytorch', run: async () => peerMs.push(await peer.time(ids.length, words.length)) });
          const times = await interleave(contenders, plan.forward);
          const ms = (name: string) => median(timesOf(times, name));
          const subject = `${model.label}, ${ids.length} tokens`;
          const medians = {
            'raw ms': ms('raw'),
            'tapped ms': ms('tapped'),
            'encode ms': ms('encode'),
            'compare ms': ms('compare'),
            'heads alone ms': ms('heads alone'),
            'transformers.js ms': ms('transformers.js'),
          };
          const ratio = (item: string, a: string, b: string, target: number, details: Measurement['details']) => {
            const spread = pairedRatio(times, a, b);
            measurements.push({ item, subject, value: spread.median, unit: 'ratio', spread, target: { op: '<=', value: target }, details });
          };
          ratio('1. compare / raw', 'compare', 'raw', 1.1, {
            ...medians,
            'heads ms (in compare)': median(headsMs.slice(plan.forward.warmup)),
            'first compare ms (builds the heads session)': firstCompareMs,
            'encode/raw': pairedRatio(times, 'encode', 'raw').median,
          });
          // The restated target: what compare adds over the arithmetic it cannot avoid, paired round by round.
          const compareTimes = timesOf(times, 'compare');
          const arithmetic = timesOf(times, 'raw').map((raw, i) => raw + timesOf(times, 'heads alone')[i]);
          const overhead = spread(compareTimes.map((compare, i) => compare / arithmetic[i]));
          measurements.push({
            item: '1. compare / (raw + heads alone)',
            subject,
            value: overhead.median,
            unit: 'ratio',
            spread: overhead,
            target: { op: '<=', value: 1.1 },
            details: {
              'compare ms': medians['compare ms'],
              'raw ms': medians['raw ms'],
              'heads alone ms': medians['heads alone ms'],
              'compare − raw − heads ms': median(compareTimes.map((compare, i) => compare - arithmetic[i])),
            },
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
          if (!torch.available) {
            measurements.push(notAvailable(PEER_ITEM, subject, 'ratio', torch.reason, undefined, 'not available'));
          } else {
            const timed = peerMs.slice(plan.forward.warmup);
            const versus = spread(compareTimes.map((compare, i) => compare / timed[i]));
            measurements.push({
              item: PEER_ITEM,
              subject,
              value: versus.median,
              unit: 'ratio',
              spread: versus,
              details: {
                'compare ms': medians['compare ms'],
                'PyTorch ms (timed in its process)': median(timed),
                '(raw + heads alone) / PyTorch': median(arithmetic.map((a, i) => a / timed[i])),
                threads: loaded.encoder.runtime.threads,
                peer: describeTorch(torch),
              },
            });
          }
        }
      } finally {
        peer?.close();
        await heads.release();
        await pipeline.dispose();
        await loaded.release();
      }
    }
    return measurements;
  },
};
