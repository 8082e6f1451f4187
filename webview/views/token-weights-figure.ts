import type { Token } from '../../src/core/encoders/types';
import { formatPercent } from '../../src/core/svg';
import { element } from '../dom';
import { tokenWeightView, weightStep } from '../view-model/token-weights';

/**
 * The text with each token highlighted by its weighted-sum pooling weight a_t (stronger highlight, more
 * weight); hovering a piece gives its tokens and their weight.
 */
export function tokenWeightsFigure(text: string, tokens: readonly Token[], weights: readonly number[], strategy: string): HTMLElement {
  const view = tokenWeightView(text, tokens, weights);
  const block = element('p', { className: 'text-block', attrs: { dir: 'auto' } });
  for (const segment of view.segments) {
    const piece = text.slice(segment.start, segment.end);
    if (segment.tokens.length === 0) {
      block.append(piece);
      continue;
    }
    const names = segment.tokens.map((i) => tokens[i].text).join(' ');
    block.append(
      element('span', {
        className: `weighted-token weight-${weightStep(segment.strength)}`,
        text: piece,
        attrs: { title: `${names}: ${formatPercent(segment.weight)} of the weight` },
      }),
    );
  }
  const specials = view.specialWeight > 0 ? ` Special tokens, not shown, took ${formatPercent(view.specialWeight)}.` : '';
  return element(
    'figure',
    { className: 'token-weights' },
    element('figcaption', { text: `Token weights of ${strategy} pooling: the stronger the highlight, the more the token counted.${specials}` }),
    block,
  );
}
