import type { CompareResult } from '../src/core/result';
import { element } from './dom';
import type { PanelState } from './view-model/panel-state';
import { resultView } from './views/result-view';
import { emptyView, errorBanner, loadingBanner, startingView } from './views/status-views';

/**
 * Draws the panel's state into the root: a status area (starting, empty, loading, error) above the result.
 * The result is rebuilt only when it changes, so a loading or error message does not redraw every chart.
 */
export class PanelRenderer {
  // A live region from the start, so screen readers hear each new state (not the whole result).
  private readonly status = element('div', { className: 'status', attrs: { 'aria-live': 'polite' } });
  private readonly result = element('div', { className: 'result-area' });
  private drawn: CompareResult | undefined;

  constructor(root: HTMLElement) {
    root.replaceChildren(this.status, this.result);
  }

  render(state: PanelState): void {
    this.status.replaceChildren(...this.statusViews(state));
    if (state.result !== this.drawn) {
      this.result.replaceChildren(...(state.result ? [resultView(state.result)] : []));
      this.drawn = state.result;
    }
    this.result.toggleAttribute('aria-busy', state.status === 'loading');
  }

  private statusViews(state: PanelState): HTMLElement[] {
    const hasResult = state.result !== undefined;
    switch (state.status) {
      case 'starting':
        return [startingView()];
      case 'empty':
        return [emptyView()];
      case 'loading':
        return state.loading ? [loadingBanner(state.loading, hasResult)] : [];
      case 'error':
        return [errorBanner(state.error ?? 'Unknown error.', hasResult)];
      case 'result':
        return [element('p', { className: 'visually-hidden', text: `Comparison ready for ${state.result?.encoders.length ?? 0} encoders.` })];
    }
  }
}
