export { loadEncoder } from './load-encoder';
export type {
  Dtype,
  EncodeOptions,
  Encoder,
  EncoderIdentity,
  Family,
  HiddenStates,
  LoadOptions,
  Token,
  Tokenizer,
} from './types';
