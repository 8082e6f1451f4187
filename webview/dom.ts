/** Small DOM builders. Views are built with DOM calls, never HTML strings, so no text can become markup. */
import type { WebviewMessage } from '../src/protocol/webview';
import { vscodeApi } from './vscode-api';

type Child = Node | string;

interface Props {
  className?: string;
  text?: string;
  /** Plain attributes (aria-*, role, title, dir, …). Never `style`: the panel's CSP forbids inline styles. */
  attrs?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A heading whose id lets its section be labelled by it (aria-labelledby). */
export function heading(level: 2 | 3 | 4, text: string, id: string, className?: string): HTMLHeadingElement {
  return element(`h${level}`, { text, className, attrs: { id } });
}

let nextId = 0;
/** A document-unique id for aria references. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * A <vscode-button> that posts a message to the host when pressed (click, Enter or Space: the component turns
 * the keys into a click).
 */
export function actionButton(label: string, message: () => WebviewMessage, options: { secondary?: boolean; ariaLabel?: string } = {}): HTMLElement {
  const button = document.createElement('vscode-button');
  button.textContent = label;
  if (options.secondary) button.setAttribute('secondary', '');
  if (options.ariaLabel) button.setAttribute('aria-label', options.ariaLabel);
  button.addEventListener('click', () => vscodeApi.postMessage(message()));
  return button;
}

/** A <vscode-badge> with a short fact (family, dtype, …). */
export function badge(text: string, title?: string): HTMLElement {
  const node = document.createElement('vscode-badge');
  node.textContent = text;
  if (title) node.title = title;
  return node;
}
