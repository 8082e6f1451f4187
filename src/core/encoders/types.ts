import type { ExecutionProvider, OnnxRuntime } from './session/session-options';
export type Family = 'bert' | 'distilbert' | 'roberta' | 'gpt2';
export type Dtype = 'fp32' | 'q8';

/**
 * One token. [start, end) indexes the original string in UTF-16 code units, so text.slice(start, end) works.
 * Special tokens ([CLS], [SEP], <s>, ...) have special === true and an empty span (start === end) placed where
 * they sit: at the start of the text for leading ones, at its end for trailing ones.
 */
export interface Token {
  id: number;
  text: string;
  start: number;
  end: number;
  special: boolean;
}

export interface Tokenizer {
  readonly family: Family;
  /** The longest sequence the model accepts, special tokens included. */
  readonly maxLength: number;
  readonly padId: number;
  /** How many special tokens withSpecials adds to a sequence. */
  readonly specialCount: number;
  /** The text's tokens, without special tokens. Never throws on any JS string. */
  tokenize(text: string): Token[];
  /** Wraps content tokens (from tokenize) in the family's special tokens. */
  withSpecials(content: Token[], textLength: number): Token[];
}

/** What identifies an encoder: probes trained on one refuse to load on another. */
export interface EncoderIdentity {
  /** Hub id or absolute folder path, as the user gave it. */
  name: string;
  family: Family;
  /** Transformer blocks L; hidden states come as L + 1 layers. */
  layers: number;
  hiddenSize: number;
  dtype: Dtype;
  /** sha256 of the source ONNX file: two encoders with the same fingerprint give the same features. */
  fingerprint: string;
}

/** Every layer's hidden states for one text. */
export interface HiddenStates {
  text: string;
  /** All tokens in order, special ones included. */
  tokens: Token[];
  /** L + 1: index 0 is the embeddings output (Hugging Face output_hidden_states order and meaning). */
  numLayers: number;
  hiddenSize: number;
  /**
   * layers[l] is a row-major [tokens.length x hiddenSize] matrix. They are views: texts encoded in one call
   * may share an underlying buffer (copy before transferring `.buffer` to another thread).
   */
  layers: Float32Array[];
}

export interface EncodeOptions {
  signal?: AbortSignal;
  /** Sequences per forward pass (a text, or one window of a long text); default 8. */
  batchSize?: number;
  /** After each forward pass: sequences done and total (a long text counts once per window). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Which hidden states to return (indices 0..L; default all). The others come back as empty arrays, so
   * indices keep their meaning; asking only for what is used (e.g. [L] for pooling) saves copying the rest
   * out of the runtime.
   */
  layers?: readonly number[];
}

export interface Encoder {
  readonly identity: EncoderIdentity;
  readonly tokenizer: Tokenizer;
  /** How its onnxruntime session runs (threads, execution provider); the probes' heads and training graphs run alike. */
  readonly runtime: OnnxRuntime;
  /** One result per text, in order. Long texts are windowed; every token gets exactly one vector per layer. */
  encode(texts: string[], options?: EncodeOptions): Promise<HiddenStates[]>;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  dtype?: Dtype;
  /** Never touch the network: hub ids must already be in the cache or under modelsRoot. */
  offline?: boolean;
  /** A folder searched for hub ids (modelsRoot/<org>/<name>) before the hub. */
  modelsRoot?: string;
  /** Where the hub cache and rewritten (tapped) graphs live. */
  cacheDir?: string;
  /** Hub server to download from; default $HF_ENDPOINT, else https://huggingface.co/. */
  remoteHost?: string;
  /** onnxruntime intra-op threads; 0 or undefined: every core but one (session-options.ts). */
  threads?: number;
  /** onnxruntime's execution provider; default cpu. */
  provider?: ExecutionProvider;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}
