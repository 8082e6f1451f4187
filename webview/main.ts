import type { HostMessage } from '../src/protocol';
import { renderEmptyState, renderLoading } from './views';
import { vscodeApi } from './vscode-api';

const app = document.getElementById('app');
if (!app) {
  throw new Error('Probe Lens webview: the #app element is missing from the panel HTML');
}

renderLoading(app);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'empty':
      renderEmptyState(app);
      break;
  }
});

vscodeApi.postMessage({ type: 'ready' });
