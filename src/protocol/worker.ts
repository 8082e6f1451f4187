import type { ExecutionProvider } from '../core/encoders/session/session-options';
/**
 * The messages between the extension host (src/extension/worker-client.ts) and the model worker
 * (src/worker/main.ts): WorkerProtocol maps each request kind to [request, response], and the worker answers
 * each kind with its handler (the table in src/worker/main.ts). Every request carries an id; the worker answers with
 * any number of progress events and then exactly one `done` or `failed` for that id. Payloads are
 * structured-clone data made by our own code on both sides, so they need no guards.
 */
import type { TrainingSource } from '../core/data/training-data';
import type { Dtype } from '../core/encoders/types';
import type { ErrorCode } from '../core/errors';
import type { EncoderSweep } from '../core/probing/sweep-encoder';
import type { CompareResult, EntitySpan, WordTag } from '../core/result';
import type { MessageOf, NoFields } from './typed';

/** One encoder as the settings name it. */
export interface EncoderSpec {
  /** Hub id or absolute folder path. */
  name: string;
  /** Undefined lets the loader choose (fp32 for folders). */
  dtype?: Dtype;
}

/** Where things live and how encoders load; sent with every request, so the worker keeps no settings. */
export interface RuntimeOptions {
  /** Probe Lens' cache root for this extension: hub downloads, tapped graphs, datasets. */
  cacheDir: string;
  /** Probes are stored in <probesRoot>/<encoder key>/<task>-<strategy>. */
  probesRoot: string;
  /** Extracted training features. */
  featuresDir: string;
  offline: boolean;
  modelsRoot?: string;
  /** onnxruntime intra-op threads (the settings' 0 is resolved to the tuned default before it gets here). */
  threads: number;
  /** onnxruntime's execution provider for the encoders and their heads. */
  provider: ExecutionProvider;
}

export type TrainTask = 'sentiment' | 'ner';

export interface CompareRequest {
  text: string;
  encoders: EncoderSpec[];
  pooling: string[];
  fusion: string[];
  maxChars: number;
}

/** NER of several texts with one encoder and one fusion strategy (hover lines, Show Entities chunks). */
export interface TagRequest {
  texts: string[];
  encoder: EncoderSpec;
  strategy: string;
}

export interface TrainRequest {
  encoders: EncoderSpec[];
  tasks: TrainTask[];
  /** Strategies to train per task. */
  strategies: Record<TrainTask, string[]>;
  data: Record<TrainTask, TrainingSource>;
  /** Train and dev are each sampled down to this many examples (sentences for NER). */
  fewShotSize: number;
  seed: number;
}

/** A layer sweep (see src/core/probing) of every encoder for each task, on the training data's few-shot sample. */
export interface SweepRequest {
  encoders: EncoderSpec[];
  tasks: TrainTask[];
  data: Record<TrainTask, TrainingSource>;
  /** Train and dev are each sampled down to this many examples (sentences for NER), as for training. */
  fewShotSize: number;
  seed: number;
}

/** One encoder's sweep of one task. */
export interface EncoderTaskSweep {
  /** The encoder's name as loaded (hub id or folder). */
  encoder: string;
  task: TrainTask;
  sweep: EncoderSweep;
}

export interface SweepResponse {
  sweeps: EncoderTaskSweep[];
  /** Encoders that cannot be swept (one layer: nothing to compare), with why; the others were swept. */
  skipped: Array<{ encoder: string; message: string }>;
  downloaded: Array<{ title: string; licence: string }>;
  notices: string[];
}

export interface CompareResponse {
  result: CompareResult;
  /** Encoders that could not be loaded; the others were compared (when none loads, the request fails). */
  failedEncoders: Array<{ encoder: string; error: WireError }>;
}

export interface TagResponse {
  /** The encoder's name as loaded, for display. */
  encoder: string;
  strategy: string;
  /** False when the encoder has no trained probe for the strategy: `reason` says so, the lists are empty. */
  available: boolean;
  reason?: string;
  /** Per text: each word's tag and the entities, offsets into that text. */
  words: WordTag[][];
  spans: EntitySpan[][];
}

export interface TrainedProbe {
  strategy: string;
  metrics: Record<string, number>;
  parameterCount: number;
}

export interface TrainResponse {
  runs: Array<{ encoder: string; task: TrainTask; probesDir: string; examples: number; probes: TrainedProbe[] }>;
  /** Datasets fetched by this request, with their licence to show the user. */
  downloaded: Array<{ title: string; licence: string }>;
  /** Things the user should know (a sample size larger than the data, ...). */
  notices: string[];
}

/** Each request kind: [what the host sends, what the worker answers]. */
export type WorkerProtocol = {
  compare: [CompareRequest, CompareResponse];
  tag: [TagRequest, TagResponse];
  train: [TrainRequest, TrainResponse];
  sweep: [SweepRequest, SweepResponse];
  /** Drops loaded encoders and probes (settings changed, caches cleared); the next request loads afresh. */
  reset: [NoFields, null];
};

export type WorkerKind = keyof WorkerProtocol;

/** A request as it travels: its kind beside its fields. */
export type WorkerRequest = MessageOf<WorkerProtocol, 'kind'>;

/** The request of one kind, e.g. WorkerRequestOf<'compare'>. */
export type WorkerRequestOf<K extends WorkerKind> = Extract<WorkerRequest, { kind: K }>;

export type WorkerResponse<K extends WorkerKind> = WorkerProtocol[K][1];

/** What the worker reports while it works; `fraction` (0..1) of the whole request when it is known. */
export interface WorkerProgress {
  message: string;
  fraction?: number;
}

/** 'internal' is a bug (the message says where to look); 'crashed' is the worker thread dying. */
export type WireErrorCode = ErrorCode | 'internal' | 'crashed';

export interface WireError {
  code: WireErrorCode;
  message: string;
  /** A stack trace, for the log only. */
  detail?: string;
}

export type HostToWorker = { type: 'request'; id: number; runtime: RuntimeOptions; request: WorkerRequest } | { type: 'cancel'; id: number };

export type WorkerToHost =
  | { type: 'progress'; id: number; progress: WorkerProgress }
  /** Something the user may want to know that is not a request's answer (e.g. heads falling back to JS): for the log. */
  | { type: 'notice'; message: string }
  | { type: 'done'; id: number; value: WorkerResponse<WorkerKind> }
  | { type: 'failed'; id: number; error: WireError };
