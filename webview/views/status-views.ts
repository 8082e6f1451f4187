import { element } from '../dom';
import { excerpt, shortEncoderName } from '../view-model/format';
import type { LoadingInfo } from '../view-model/panel-state';

/** Shown until the host answers the webview's `ready`. */
export function startingView(): HTMLElement {
  const ring = document.createElement('vscode-progress-ring');
  ring.ariaLabel = 'Loading Probe Lens';
  return element('section', { className: 'starting' }, ring);
}

/** Nothing probed yet: say how to start. */
export function emptyView(): HTMLElement {
  return element(
    'section',
    { className: 'empty-state' },
    element('h1', { text: 'Probe Lens' }),
    element('p', { className: 'empty-state-hint', text: 'Select text and run Probe Lens: Compare Pooling' }),
    element('p', {
      className: 'empty-state-detail',
      text: 'Every layer of the encoder is pooled several ways and the results are shown here side by side.',
    }),
  );
}

/** A comparison is running: what text, with which encoders, and the host's progress message. */
export function loadingBanner(loading: LoadingInfo, hasResult: boolean): HTMLElement {
  const ring = document.createElement('vscode-progress-ring');
  ring.ariaLabel = 'Probing';
  const encoders = loading.encoders.map(shortEncoderName).join(', ');
  const details = element(
    'div',
    { className: 'banner-text' },
    element('p', { className: 'banner-title', text: `Probing “${excerpt(loading.text, 80)}”` }),
    element('p', { text: encoders ? `with ${encoders}` : '' }),
  );
  if (loading.message) details.append(element('p', { className: 'muted', text: loading.message }));
  if (hasResult) details.append(element('p', { className: 'muted', text: 'The previous result stays below until the new one is ready.' }));
  return element('div', { className: 'banner banner-loading' }, ring, details);
}

/** The last request failed: the message, and a note that the result below is the previous one. */
export function errorBanner(message: string, hasResult: boolean): HTMLElement {
  const banner = element(
    'div',
    { className: 'banner banner-error', attrs: { role: 'alert' } },
    element('div', { className: 'banner-text' }, element('p', { className: 'banner-title', text: 'Probe Lens could not finish the comparison' }), element('p', { className: 'error-message', text: message })),
  );
  if (hasResult) banner.lastElementChild?.append(element('p', { className: 'muted', text: 'Below: the previous result.' }));
  return banner;
}
