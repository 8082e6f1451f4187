import './components';
import { PanelRenderer } from './render-panel';
import { isHostMessage, nextState, persistedState, restoredState } from './view-model/panel-state';
import { vscodeApi } from './vscode-api';

const app = document.getElementById('app');
if (!app) {
  throw new Error('Probe Lens webview: the #app element is missing from the panel HTML');
}

// A saved result (window reload, panel back from the background) is drawn at once, before the host answers.
let state = restoredState(vscodeApi.getState());
const renderer = new PanelRenderer(app);
renderer.render(state);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) return;
  const previous = state;
  state = nextState(state, event.data);
  if (state.result !== previous.result) vscodeApi.setState(persistedState(state));
  renderer.render(state);
});

vscodeApi.postMessage({ type: 'ready' });
