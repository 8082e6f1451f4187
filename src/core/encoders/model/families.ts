import type { Family } from '../types';

/**
 * Every model family Probe Lens can tap, keyed by config.json's model_type, with what differs between them:
 * which layer-tap search applies, whether the model is causal, which tokenizer models its exports ship, and the
 * config.json keys of its sizes (first present wins).
 */

/**
 * - encoder: BERT-style post-norm blocks (…/layer.N/output/LayerNorm), embeddings LayerNorm first.
 * - distilbert: the same, with …/layer.N/output_layer_norm.
 * - gpt2: …/h.N blocks, token + position embeddings, ln_f last.
 * - decoder: pre-norm blocks …/layers.N (Llama and the decoders built like it), the final norm last; both the
 *   Optimum export and onnxruntime-genai's fused one.
 * - modernbert: pre-norm blocks …/layers.N after the embeddings norm; Hugging Face's hidden states end with the
 *   last block's output (the final norm only makes last_hidden_state).
 */
export type TapLayout = 'encoder' | 'distilbert' | 'gpt2' | 'decoder' | 'modernbert';

export type TokenizerKind = 'wordpiece' | 'byte-level-bpe' | 'sentencepiece-bpe' | 'unigram';

export interface FamilyFacts {
  /** How the family is named to users. */
  displayName: string;
  layout: TapLayout;
  /** A token sees only the tokens before it. */
  causal: boolean;
  tokenizers: readonly TokenizerKind[];
  keys: { layers: string[]; hidden: string[]; positions: string[] };
  /**
   * Learned absolute positions counted from padding_idx + 1 (RoBERTa, XLM-R): pad_token_id + 1 rows of the
   * table are never used.
   */
  positionsAfterPadding?: boolean;
}

const BERT_KEYS = { layers: ['num_hidden_layers'], hidden: ['hidden_size'], positions: ['max_position_embeddings'] };
const DECODER_KEYS = BERT_KEYS;
const SENTENCEPIECE_OR_BYTES: readonly TokenizerKind[] = ['sentencepiece-bpe', 'byte-level-bpe'];

const decoder = (displayName: string): FamilyFacts => ({
  displayName,
  layout: 'decoder',
  causal: true,
  tokenizers: SENTENCEPIECE_OR_BYTES,
  keys: DECODER_KEYS,
});

export const FAMILIES: Readonly<Record<Family, FamilyFacts>> = {
  bert: { displayName: 'BERT', layout: 'encoder', causal: false, tokenizers: ['wordpiece'], keys: BERT_KEYS },
  distilbert: {
    displayName: 'DistilBERT',
    layout: 'distilbert',
    causal: false,
    tokenizers: ['wordpiece'],
    keys: { layers: ['n_layers', 'num_hidden_layers'], hidden: ['dim', 'hidden_size'], positions: ['max_position_embeddings'] },
  },
  roberta: { displayName: 'RoBERTa', layout: 'encoder', causal: false, tokenizers: ['byte-level-bpe'], keys: BERT_KEYS, positionsAfterPadding: true },
  'xlm-roberta': { displayName: 'XLM-RoBERTa', layout: 'encoder', causal: false, tokenizers: ['unigram'], keys: BERT_KEYS, positionsAfterPadding: true },
  electra: { displayName: 'ELECTRA', layout: 'encoder', causal: false, tokenizers: ['wordpiece'], keys: BERT_KEYS },
  'deberta-v2': { displayName: 'DeBERTa-v2/v3', layout: 'encoder', causal: false, tokenizers: ['unigram'], keys: BERT_KEYS },
  modernbert: { displayName: 'ModernBERT', layout: 'modernbert', causal: false, tokenizers: ['byte-level-bpe'], keys: BERT_KEYS },
  gpt2: {
    displayName: 'GPT-2',
    layout: 'gpt2',
    causal: true,
    tokenizers: ['byte-level-bpe'],
    keys: { layers: ['n_layer', 'num_hidden_layers'], hidden: ['n_embd', 'hidden_size'], positions: ['n_positions', 'n_ctx', 'max_position_embeddings'] },
  },
  llama: decoder('Llama'),
  mistral: decoder('Mistral'),
  qwen2: decoder('Qwen2'),
  qwen3: decoder('Qwen3'),
  phi3: decoder('Phi-3'),
  gemma: decoder('Gemma'),
  gemma2: decoder('Gemma 2'),
  gemma3_text: decoder('Gemma 3'),
};

export const SUPPORTED_FAMILIES = Object.keys(FAMILIES) as Family[];

export function isFamily(value: unknown): value is Family {
  return typeof value === 'string' && Object.hasOwn(FAMILIES, value);
}

/** A causal model: each token's vector depends only on the tokens before it. */
export function isCausal(family: Family): boolean {
  return FAMILIES[family].causal;
}
