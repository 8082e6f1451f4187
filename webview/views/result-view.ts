import type { CompareResult } from '../../src/core/result';
import { actionButton, element } from '../dom';
import { entityTypes } from '../view-model/entities';
import { encoderColumn } from './encoder-column';
import { timingsFooter } from './timings-footer';

/** A whole comparison: the toolbar, notices about the input, a column per encoder and the timings. */
export function resultView(result: CompareResult): HTMLElement {
  const characters = [...result.text].length;
  const toolbar = element(
    'header',
    { className: 'toolbar' },
    element(
      'div',
      {},
      element('h1', { text: 'Probe Lens' }),
      element('p', {
        className: 'muted',
        text: `${result.encoders.length} ${result.encoders.length === 1 ? 'encoder' : 'encoders'} on ${characters} ${characters === 1 ? 'character' : 'characters'}`,
      }),
    ),
    actionButton('Copy as JSON', () => ({ type: 'copy', text: JSON.stringify(result, null, 2), what: 'result' }), {
      secondary: true,
      ariaLabel: 'Copy the result as JSON',
    }),
  );
  const view = element('div', { className: 'result' }, toolbar);
  if (result.notices.length > 0) {
    view.append(
      element(
        'div',
        { className: 'banner banner-warning notices', attrs: { role: 'status' } },
        element('ul', {}, ...result.notices.map((notice) => element('li', { text: notice }))),
      ),
    );
  }
  const types = entityTypes(result);
  view.append(element('div', { className: 'encoders' }, ...result.encoders.map((encoder) => encoderColumn(result.text, encoder, types))));
  view.append(timingsFooter(result.encoders));
  return view;
}
