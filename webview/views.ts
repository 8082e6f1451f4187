/** The panel's views. Built with DOM calls, not HTML strings, so no text can become markup. */
// Importing a component registers its custom element (<vscode-progress-ring>).
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text) node.textContent = props.text;
  node.append(...children);
  return node;
}

/** Shown until the host answers the webview's `ready`. */
export function renderLoading(root: HTMLElement): void {
  const ring = document.createElement('vscode-progress-ring');
  ring.ariaLabel = 'Loading Probe Lens';
  root.replaceChildren(element('section', { className: 'loading' }, ring));
}

/** Nothing probed yet: say how to start. */
export function renderEmptyState(root: HTMLElement): void {
  root.replaceChildren(
    element(
      'section',
      { className: 'empty-state' },
      element('h1', { text: 'Probe Lens' }),
      element('p', { className: 'empty-state-hint', text: 'Select text and run Probe Lens: Compare Pooling' }),
      element('p', {
        className: 'empty-state-detail',
        text: 'Every layer of the encoder is pooled several ways and the results are shown here side by side.',
      }),
    ),
  );
}
