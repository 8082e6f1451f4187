import { PanelRenderer } from './render-panel';
import { isHostMessage } from '../src/protocol/webview';
import { nextState, persistedState, restoredState } from './view-model/panel-state';
import { vscodeApi } from './vscode-api';

/** The comparison panel: renders each state the host sends and keeps the last result and sweep across reloads. */
export function startComparePanel(app: HTMLElement): void {
  // A saved result (window reload, panel back from the background) is drawn at once, before the host answers.
  let state = restoredState(vscodeApi.getState());
  const renderer = new PanelRenderer(app);
  renderer.render(state);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isHostMessage(event.data)) return;
    const previous = state;
    state = nextState(state, event.data);
    if (state.result !== previous.result || state.layers !== previous.layers) vscodeApi.setState(persistedState(state));
    renderer.render(state);
  });

  vscodeApi.postMessage({ type: 'ready' });
}
