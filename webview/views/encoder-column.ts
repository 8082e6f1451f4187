import type { EncoderResult } from '../../src/core/result';
import { badge, element, heading, uniqueId } from '../dom';
import { shortEncoderName } from '../view-model/format';
import { fusionSection } from './fusion-section';
import { nerSection } from './ner-section';
import { sentimentSection } from './sentiment-section';

/** One encoder's column: what it is, then its sentiment, entities and layer weights. */
export function encoderColumn(text: string, encoder: EncoderResult, entityTypes: readonly string[]): HTMLElement {
  const { name, family, dtype, layers, hiddenSize } = encoder.encoder;
  const shortName = shortEncoderName(name);
  const id = uniqueId('encoder');
  const header = element(
    'header',
    { className: 'encoder-header' },
    heading(2, shortName, id),
    element('p', { className: 'encoder-name', text: name, attrs: { title: name } }),
    element(
      'div',
      { className: 'badges', attrs: { role: 'list', 'aria-label': 'Encoder facts' } },
      ...[badge(family, 'family'), badge(dtype, 'weights'), badge(`${layers} layers`), badge(`hidden ${hiddenSize}`)].map((item) => {
        item.setAttribute('role', 'listitem');
        return item;
      }),
    ),
  );
  const column = element('section', { className: 'encoder', attrs: { 'aria-labelledby': id } }, header);
  column.append(
    guarded('sentiment', () => sentimentSection(text, encoder, shortName)),
    guarded('entities', () => nerSection(text, encoder, shortName, entityTypes)),
  );
  const fusion = guarded('layer weights', () => fusionSection(text, encoder, shortName));
  if (fusion) column.append(fusion);
  return column;
}

/** One malformed part of a result must not blank the whole panel: it is replaced by a message. */
function guarded<T extends HTMLElement | undefined>(what: string, draw: () => T): T | HTMLElement {
  try {
    return draw();
  } catch (error) {
    return element('p', { className: 'section-error', attrs: { role: 'alert' }, text: `The ${what} could not be drawn: ${(error as Error).message}` });
  }
}
