import type { ExecutionProvider } from '../core/encoders/session/session-options';
/**
 * The messages between the extension host (src/extension/worker-client.ts) and the model worker
 * (src/worker/main.ts). Every request carries an id; the worker answers with any number of progress
 * events and then exactly one `done` or `failed` for that id. Payloads are structured-clone data.
 */
import type { Dtype } from '../core/encoders/types';
import type { ErrorCode } from '../core/errors';
import type { CompareResult, EntitySpan, WordTag } from '../core/result';

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

/**
 * Training data of one task: local files, or a default public dataset (downloaded once, then cached).
 * `labelNames` (sentiment) renames raw labels as they are read, over the default dataset's own names.
 */
export type TrainingSource =
  | { kind: 'files'; train: string; dev?: string; labelNames?: Record<string, string> }
  | { kind: 'default'; dataset: 'sst2' | 'conll2003' | 'wnut17'; baseUrl?: string; labelNames?: Record<string, string> };

export interface CompareRequest {
  kind: 'compare';
  text: string;
  encoders: EncoderSpec[];
  pooling: string[];
  fusion: string[];
  maxChars: number;
}

/** NER of several texts with one encoder and one fusion strategy (hover lines, Show Entities chunks). */
export interface TagRequest {
  kind: 'tag';
  texts: string[];
  encoder: EncoderSpec;
  strategy: string;
}

export interface TrainRequest {
  kind: 'train';
  encoders: EncoderSpec[];
  tasks: TrainTask[];
  /** Strategies to train per task. */
  strategies: Record<TrainTask, string[]>;
  data: Record<TrainTask, TrainingSource>;
  /** Train and dev are each sampled down to this many examples (sentences for NER). */
  fewShotSize: number;
  seed: number;
}

/** Drops loaded encoders and probes (settings changed, caches cleared); the next request loads afresh. */
export interface ResetRequest {
  kind: 'reset';
}

export type WorkerRequest = CompareRequest | TagRequest | TrainRequest | ResetRequest;

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

export interface ResponseOf {
  compare: CompareResponse;
  tag: TagResponse;
  train: TrainResponse;
  reset: null;
}

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
  | { type: 'done'; id: number; value: ResponseOf[keyof ResponseOf] }
  | { type: 'failed'; id: number; error: WireError };
