import type { BenchModel } from './models';

export interface StockPipeline {
  /** The stock feature-extraction call with mean pooling, as a transformers.js user writes it. */
  extract(text: string): Promise<unknown>;
  dispose(): Promise<void>;
}

/**
 * transformers.js' stock feature-extraction pipeline on a bench model, read as it is from its folder (a shared
 * tiny model, or a real-size one in the cache; local models only, never the network), with the library's
 * default session settings.
 */
export async function stockPipeline(model: BenchModel): Promise<StockPipeline> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.localModelPath = model.root;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  const extractor = await pipeline('feature-extraction', model.id, { dtype: model.dtype, device: 'cpu' });
  return {
    extract: (text) => extractor(text, { pooling: 'mean', normalize: false }),
    dispose: () => extractor.dispose(),
  };
}
