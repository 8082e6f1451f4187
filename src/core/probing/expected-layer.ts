/** Where along the layers a probe's score comes from: the best layer, and Tenney et al.'s expected layer. */
export interface LayerSummary {
  /** The layer with the best dev score (the lowest one on ties); 0 is the embeddings output. */
  bestLayer: number;
  /**
   * Tenney et al. (2019)'s expected layer: the centre of gravity of the score gained per layer,
   * Σ ℓ·Δ(ℓ) / Σ Δ(ℓ) with Δ(ℓ) = c(ℓ) − c(ℓ − 1), where c(ℓ) is the best score of layers 0 … ℓ (their probes see
   * every layer up to ℓ, so their curve never falls; the running best stands in for it). Null when no layer
   * scores above the embeddings.
   */
  expectedLayer: number | null;
}

export function layerSummary(scores: readonly number[]): LayerSummary {
  if (scores.length === 0) throw new Error('layerSummary: no layers');
  let bestLayer = 0;
  scores.forEach((score, l) => {
    if (score > scores[bestLayer]) bestLayer = l;
  });
  let running = scores[0];
  let weighted = 0;
  let gained = 0;
  for (let l = 1; l < scores.length; l++) {
    const next = Math.max(running, scores[l]);
    weighted += l * (next - running);
    gained += next - running;
    running = next;
  }
  return { bestLayer, expectedLayer: gained > 0 ? weighted / gained : null };
}
