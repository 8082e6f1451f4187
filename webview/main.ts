import './components';
import { startComparePanel } from './compare-main';
import { startExperimentReport } from './report-main';

const app = document.getElementById('app');
if (!app) {
  throw new Error('Probe Lens webview: the #app element is missing from the panel HTML');
}

// One script serves both panel types; the host's HTML says which one this is.
if (app.dataset.view === 'experiment-report') startExperimentReport(app);
else startComparePanel(app);
