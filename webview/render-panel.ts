import type { CompareResult } from '../src/core/result';
import type { LayerSweeps } from '../src/protocol/webview';
import { element } from './dom';
import type { PanelState } from './view-model/panel-state';
import { layersSection } from './views/layers-section';
import { resultView } from './views/result-view';
import { emptyView, errorBanner, loadingBanner, startingView } from './views/status-views';

/**
 * Draws the panel's state into the root: a status area (starting, empty, loading, error) above the result,
 * and the Layers section of the last layer sweep below it. The result and the sweep are each rebuilt only
 * when they change, so a loading or error message does not redraw every chart.
 */
export class PanelRenderer {
  // A live region from the start, so screen readers hear each new state (not the whole result).
  private readonly status = element('div', { className: 'status', attrs: { 'aria-live': 'polite' } });
  private readonly result = element('div', { className: 'result-area' });
  private readonly layers = element('div', { className: 'layers-area' });
  private drawn: CompareResult | undefined;
  private drawnLayers: LayerSweeps | undefined;

  constructor(root: HTMLElement) {
    root.replaceChildren(this.status, this.result, this.layers);
  }

  render(state: PanelState): void {
    this.status.replaceChildren(...this.statusViews(state));
    if (state.result !== this.drawn) {
      this.result.replaceChildren(...(state.result ? [resultView(state.result)] : []));
      this.drawn = state.result;
    }
    this.result.toggleAttribute('aria-busy', state.status === 'loading');
    if (state.layers !== this.drawnLayers) {
      this.layers.replaceChildren(...(state.layers ? [layersSection(state.layers)] : []));
      this.drawnLayers = state.layers;
    }
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
