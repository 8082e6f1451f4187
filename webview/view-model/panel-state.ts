import type { CompareResult } from '../../src/core/result';
import { isCompareResult, isLayerSweeps, type HostMessage, type LayerSweeps } from '../../src/protocol/webview';

/** What is being probed while a comparison runs. */
export interface LoadingInfo {
  text: string;
  encoders: string[];
  message?: string;
}

/**
 * Everything the panel shows. The last result stays while a new comparison loads or fails, so the user keeps
 * something to look at; `starting` is the moment before the host has answered the webview's `ready`. The
 * last layer sweep (`layers`) is shown beside all of these, in its own section.
 */
export interface PanelState {
  status: 'starting' | 'empty' | 'loading' | 'error' | 'result';
  result?: CompareResult;
  loading?: LoadingInfo;
  error?: string;
  layers?: LayerSweeps;
}

/** What the webview keeps through vscode.setState: the result and the layer sweep, as loading and errors are moments. */
export interface PersistedState {
  version: 1;
  result?: CompareResult;
  layers?: LayerSweeps;
}

export function persistedState(state: PanelState): PersistedState | undefined {
  if (!state.result && !state.layers) return undefined;
  return { version: 1, ...(state.result ? { result: state.result } : {}), ...(state.layers ? { layers: state.layers } : {}) };
}

/**
 * The state to start from, given what vscode.getState returned: the saved result and sweep when there are
 * (a window reload, or the panel coming back from the background), else the starting state. Anything else
 * (nothing, or a shape an older version saved) is ignored rather than trusted.
 */
export function restoredState(saved: unknown): PanelState {
  if (!isPersistedState(saved)) return { status: 'starting' };
  const layers = saved.layers ? { layers: saved.layers } : {};
  // With a sweep only, the empty state says how to compare (the host sends nothing when it has no result).
  return saved.result ? { status: 'result', result: saved.result, ...layers } : { status: 'empty', ...layers };
}

/** The state after a message from the host. */
export function nextState(state: PanelState, message: HostMessage): PanelState {
  const layers = state.layers ? { layers: state.layers } : {};
  switch (message.type) {
    case 'empty':
      // The host has nothing probed yet (a fresh extension host after a reload); a restored result still stands.
      return state.result ? { status: 'result', result: state.result, ...layers } : { status: 'empty', ...layers };
    case 'loading':
      return { status: 'loading', result: state.result, loading: { text: message.text, encoders: message.encoders, message: message.message }, ...layers };
    case 'result':
      return { status: 'result', result: message.result, ...layers };
    case 'error':
      return { status: 'error', result: state.result, error: message.message, ...layers };
    case 'layers':
      return { ...state, layers: message.layers };
  }
}

function isPersistedState(value: unknown): value is PersistedState {
  if (typeof value !== 'object' || value === null) return false;
  const saved = value as Record<string, unknown>;
  const result = saved.result === undefined || isCompareResult(saved.result);
  const layers = saved.layers === undefined || isLayerSweeps(saved.layers);
  return saved.version === 1 && result && layers && (saved.result !== undefined || saved.layers !== undefined);
}
