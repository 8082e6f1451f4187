import type { CompareResult } from '../../src/core/result';
import { isCompareResult, type HostMessage } from '../../src/protocol/webview';

/** What is being probed while a comparison runs. */
export interface LoadingInfo {
  text: string;
  encoders: string[];
  message?: string;
}

/**
 * Everything the panel shows. The last result stays while a new comparison loads or fails, so the user keeps
 * something to look at; `starting` is the moment before the host has answered the webview's `ready`.
 */
export interface PanelState {
  status: 'starting' | 'empty' | 'loading' | 'error' | 'result';
  result?: CompareResult;
  loading?: LoadingInfo;
  error?: string;
}

/** What the webview keeps through vscode.setState: only the result, as loading and errors are moments. */
export interface PersistedState {
  version: 1;
  result: CompareResult;
}

export function persistedState(state: PanelState): PersistedState | undefined {
  return state.result ? { version: 1, result: state.result } : undefined;
}

/**
 * The state to start from, given what vscode.getState returned: the saved result when there is one (a window
 * reload, or the panel coming back from the background), else the starting state. Anything else (nothing, or
 * a shape an older version saved) is ignored rather than trusted.
 */
export function restoredState(saved: unknown): PanelState {
  if (isPersistedState(saved)) return { status: 'result', result: saved.result };
  return { status: 'starting' };
}

/** The state after a message from the host. */
export function nextState(state: PanelState, message: HostMessage): PanelState {
  switch (message.type) {
    case 'empty':
      // The host has nothing probed yet (a fresh extension host after a reload); a restored result still stands.
      return state.result ? { status: 'result', result: state.result } : { status: 'empty' };
    case 'loading':
      return { status: 'loading', result: state.result, loading: { text: message.text, encoders: message.encoders, message: message.message } };
    case 'result':
      return { status: 'result', result: message.result };
    case 'error':
      return { status: 'error', result: state.result, error: message.message };
  }
}

function isPersistedState(value: unknown): value is PersistedState {
  if (typeof value !== 'object' || value === null) return false;
  const saved = value as Record<string, unknown>;
  return saved.version === 1 && isCompareResult(saved.result);
}
