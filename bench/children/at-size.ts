/**
 * A child process of the bench: one model at the size users run (or a tiny stand-in in the quick run), from a
 * cold tap cache. Prints one `RESULT {json}` line: the time the first load spends tapping (hashing, rewriting,
 * checking the taps), the tapped graph's size beside the model's files, compare with a probe of every
 * strategy against the stock graph's forward (interleaved), and the process's peak RSS. Own process, so the
 * peak belongs to this model alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { loadEncoder } from '../../src/core/encoders';
import { padBatch } from '../../src/core/encoders/encode/batch';
import { resolveModel } from '../../src/core/encoders/model/resolve';
import { readCompactModel } from '../../src/core/encoders/onnx/compact-model';
import { externalFiles } from '../../src/core/encoders/onnx/graph-facts';
import { readOnnxGraph } from '../../src/core/encoders/onnx/graph';
import { sessionOptions } from '../../src/core/encoders/session/session-options';
import { feedsFor } from '../../src/core/encoders/session/tapped-session';
import { graphFeeds } from '../../src/core/encoders/taps/tapped-model';
import { compareText } from '../../src/core/compare';
import { interleave, pairedRatio, timesOf } from '../interleave';
import { peakRssMb } from '../peak-rss';
import { standInProbes } from '../probes';
import { median, type Spread } from '../stats';
import { imdbText, textOfTokens, tokenIds } from '../texts';

export interface AtSizeRequest {
  modelDir: string;
  scratchDir: string;
  lengths: number[];
  warmup: number;
  rounds: number;
}

export interface AtSizeResult {
  family: string;
  layers: number;
  hiddenSize: number;
  /** First load: from "Preparing layer taps" to "Starting onnxruntime" (hash, rewrite, first-tap check). */
  tapMs: number;
  firstLoadMs: number;
  /** A second load, with the rewrite in the cache. */
  cachedLoadMs: number;
  tappedBytes: number;
  /** The model's .onnx and its external-data files. */
  modelBytes: number;
  lmHeadCheck: string;
  perLength: Array<{ tokens: number; compareOverRaw: Spread; compareMs: number; rawMs: number; headsMs: number }>;
  rssAfterLoadMb: number;
  /** Peak RSS of the product's work alone: loading, training the stand-in probes, compare. */
  productPeakRssMb: number;
  /** Peak RSS of the whole child, with the stock reference session beside the product's. */
  peakRssMb: number;
}

async function measure(request: AtSizeRequest): Promise<AtSizeResult> {
  const cacheDir = path.join(request.scratchDir, 'cache');
  const marks = new Map<string, number>();
  const started = performance.now();
  const first = await loadEncoder(request.modelDir, { cacheDir, offline: true, onProgress: (m) => marks.set(m, performance.now()) });
  const firstLoadMs = performance.now() - started;
  const tapMs = (marks.get('Starting onnxruntime') ?? 0) - (marks.get('Preparing layer taps') ?? 0);
  await first.dispose();
  const again = performance.now();
  const encoder = await loadEncoder(request.modelDir, { cacheDir, offline: true });
  const cachedLoadMs = performance.now() - again;
  const rssAfterLoadMb = process.memoryUsage().rss / 2 ** 20;

  const tapsDir = path.join(cacheDir, 'taps');
  const tappedFile = readdirSync(tapsDir).find((f) => f.endsWith('.onnx')) as string;
  const manifest = JSON.parse(readFileSync(path.join(tapsDir, tappedFile.replace(/\.onnx$/, '.json')), 'utf8')) as { check: { lmHead: string } };
  const resolved = await resolveModel(request.modelDir, { offline: true });
  const stockGraph = readOnnxGraph(await readCompactModel(resolved.onnxPath));
  const modelBytes = [path.basename(resolved.onnxPath), ...externalFiles(stockGraph)]
    .filter((file, i, all) => all.indexOf(file) === i)
    .reduce((sum, file) => sum + statSync(path.join(path.dirname(resolved.onnxPath), file)).size, 0);

  // The reference: the stock graph as it ships (a decoder computes its logits too), fed an empty past.
  const { family, layers, hiddenSize, cache } = resolved.config;
  const inputs = graphFeeds(stockGraph, { family, layers, hiddenSize, ...(cache ? { cache } : {}) }, resolved.onnxPath);
  const probes = await standInProbes(encoder, request.scratchDir);
  const target = [{ encoder, probes: [...probes.sentiment, ...probes.ner] }];
  const source = imdbText();
  // The product alone (load, the stand-in probes' training, a compare of the longest text) before the reference
  // session holds a second copy of the weights.
  await compareText(textOfTokens(encoder.tokenizer, source, Math.max(...request.lengths)), target);
  const productPeakRssMb = peakRssMb();
  const raw = await ort.InferenceSession.create(resolved.onnxPath, sessionOptions());
  const perLength: AtSizeResult['perLength'] = [];
  try {
    for (const tokens of request.lengths) {
      const text = textOfTokens(encoder.tokenizer, source, tokens);
      const batch = padBatch([{ text: 0, ids: tokenIds(encoder.tokenizer, text), targets: new Int32Array(0) }], encoder.tokenizer.padId);
      const headsMs: number[] = [];
      const times = await interleave(
        [
          { name: 'raw', run: () => raw.run(feedsFor(inputs, batch)) },
          { name: 'compare', run: async () => headsMs.push((await compareText(text, target)).encoders[0].timings.headsMs) },
        ],
        request,
      );
      perLength.push({
        tokens,
        compareOverRaw: pairedRatio(times, 'compare', 'raw'),
        compareMs: median(timesOf(times, 'compare')),
        rawMs: median(timesOf(times, 'raw')),
        headsMs: median(headsMs),
      });
    }
  } finally {
    await raw.release();
    await encoder.dispose();
  }
  return {
    family,
    layers,
    hiddenSize,
    tapMs,
    firstLoadMs,
    cachedLoadMs,
    tappedBytes: statSync(path.join(tapsDir, tappedFile)).size,
    modelBytes,
    lmHeadCheck: manifest.check.lmHead,
    perLength,
    rssAfterLoadMb,
    productPeakRssMb,
    peakRssMb: peakRssMb(),
  };
}

measure(JSON.parse(process.argv[2]) as AtSizeRequest).then(
  (result) => console.log(`RESULT ${JSON.stringify(result)}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
