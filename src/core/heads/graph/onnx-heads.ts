import type { OnnxRuntime } from '../../encoders/session/session-options';
import type { HiddenStates } from '../../encoders/types';
import type { CharSpan } from '../../ner/words';
import { wordTokenRows } from '../../ner/align';
import type { SentimentResult } from '../../result';
import { checkStates, noTags, predictSentiment, predictTags, sentimentPrediction, tagPrediction, type TagPrediction } from '../inference';
import type { Probe } from '../probe/store';
import { buildHeadsGraph, type HeadsGraph } from './heads-graph';
import { HeadsSession, type HeadValues } from './heads-session';
import { probeHash } from './probe-hash';

export interface HeadPredictions {
  sentiment: SentimentResult[];
  tags: TagPrediction[];
}

/** The encoder whose states the heads read: its fingerprint, and its thread count, which the heads' session shares. */
export interface HeadsEncoder {
  fingerprint: string;
  runtime: OnnxRuntime;
}

export interface OnnxHeadsOptions {
  /** Where notices go (a fallback to JS); default console.warn. The model worker sends them to the extension's log (setLog). */
  log?: (message: string) => void;
  /** Probe sets whose sessions are kept (compare and hover sets of a few encoders); default 8. */
  capacity?: number;
  /** Makes the session of a built graph; default HeadsSession.create. */
  createSession?: (graph: HeadsGraph, runtime: OnnxRuntime) => Promise<HeadsSession>;
}

/** A session shared by concurrent requests: released once evicted and no run is using it. */
class SharedSession {
  private runs = 0;
  private retired = false;

  constructor(readonly session: HeadsSession) {}

  async run(states: HiddenStates, wordRows: Int32Array): Promise<HeadValues[]> {
    this.runs++;
    try {
      return await this.session.run(states, wordRows);
    } finally {
      this.runs--;
      if (this.retired && this.runs === 0) void this.session.release();
    }
  }

  retire(): void {
    this.retired = true;
    if (this.runs === 0) void this.session.release();
  }
}

/**
 * Runs probes' heads in onnxruntime: one graph per probe set (built from the loaded weights, see
 * heads-graph.ts) computes every head in one session.run, many times faster than the JS forward. Sessions are
 * kept per set, keyed on the encoder's fingerprint and the probes' weights. Probes without an ONNX form, and
 * every probe when a session cannot be made, run in JS (heads/inference.ts) after a one-time notice.
 */
export class OnnxHeads {
  private readonly sessions = new Map<string, Promise<SharedSession | null>>();
  private readonly noticed = new Set<string>();

  private log: (message: string) => void;
  private readonly capacity: number;
  private readonly createSession: (graph: HeadsGraph, runtime: OnnxRuntime) => Promise<HeadsSession>;

  constructor(options: OnnxHeadsOptions = {}) {
    this.log = options.log ?? ((message) => console.warn(`Probe Lens: ${message}`));
    this.capacity = options.capacity ?? 8;
    this.createSession = options.createSession ?? HeadsSession.create;
  }

  /** Sends later notices to `log`. */
  setLog(log: (message: string) => void): void {
    this.log = log;
  }

  /**
   * The same predictions as predictSentiment / predictTags give for each probe (within float rounding).
   * `words` are the spans the NER probes tag (splitWords); all probes belong to the encoder of `states`.
   */
  async predict(
    states: HiddenStates,
    encoder: HeadsEncoder,
    sentimentProbes: readonly Probe[],
    nerProbes: readonly Probe[],
    words: readonly CharSpan[],
  ): Promise<HeadPredictions> {
    for (const probe of sentimentProbes) checkStates(states, probe);
    if (words.length > 0) for (const probe of nerProbes) checkStates(states, probe);
    const probes = [...sentimentProbes, ...(words.length > 0 ? nerProbes : [])];
    const rows = nerProbes.length > 0 && words.length > 0 ? wordTokenRows(states, words).rows : new Int32Array(0);
    const computed = new Map<Probe, HeadValues['output']>();
    if (probes.length > 0) {
      const key = `${encoder.fingerprint}|${encoder.runtime.threads}|${encoder.runtime.provider}|${probes.map(probeHash).join(',')}`;
      const shared = await this.sessionFor(key, probes, encoder.runtime);
      try {
        for (const { probe, output } of (await shared?.run(states, rows)) ?? []) computed.set(probe, output);
      } catch (error) {
        this.notice(`run:${key}`, `the heads' onnxruntime run failed (${(error as Error).message}); they run in JavaScript.`);
      }
    }
    return {
      sentiment: sentimentProbes.map((probe) => {
        const output = computed.get(probe);
        return output ? sentimentPrediction(probe, output) : predictSentiment(states, probe);
      }),
      tags: nerProbes.map((probe) => {
        if (words.length === 0) return noTags(probe);
        const output = computed.get(probe);
        return output ? tagPrediction(probe, output, rows) : predictTags(states, probe, words);
      }),
    };
  }

  private sessionFor(key: string, probes: readonly Probe[], runtime: OnnxRuntime): Promise<SharedSession | null> {
    let session = this.sessions.get(key);
    if (session) {
      // Most recently used last: eviction takes the first.
      this.sessions.delete(key);
    } else {
      session = this.create(key, probes, runtime);
    }
    this.sessions.set(key, session);
    while (this.sessions.size > this.capacity) {
      const [oldest, evicted] = this.sessions.entries().next().value!;
      this.sessions.delete(oldest);
      void evicted.then((s) => s?.retire());
    }
    return session;
  }

  private async create(key: string, probes: readonly Probe[], runtime: OnnxRuntime): Promise<SharedSession | null> {
    try {
      return new SharedSession(await this.createSession(buildHeadsGraph(probes), runtime));
    } catch (error) {
      // Find the heads onnxruntime refuses: they run in JavaScript, named; the others still share a session.
      const refused: { probe: Probe; reason: string }[] = [];
      for (const probe of probes) {
        try {
          await (await this.createSession(buildHeadsGraph([probe]), runtime)).release();
        } catch (refusal) {
          refused.push({ probe, reason: (refusal as Error).message });
        }
      }
      if (refused.length === 0 || refused.length === probes.length) {
        this.notice(`create:${key}`, `the heads' onnxruntime session could not be created (${(error as Error).message}); they run in JavaScript.`);
        return null;
      }
      for (const { probe, reason } of refused) {
        const { strategy, task } = probe.config;
        this.notice(`refused:${key}:${task}:${strategy}`, `onnxruntime refused the graph of the ${strategy} ${task} probe (${reason}); it runs in JavaScript.`);
      }
      return this.create(key, probes.filter((p) => !refused.some((r) => r.probe === p)), runtime);
    }
  }

  private notice(id: string, message: string): void {
    if (this.noticed.has(id)) return;
    this.noticed.add(id);
    this.log(message);
  }
}

/** The process-wide instance compareText uses. */
export const onnxHeads = new OnnxHeads();
