import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPanelHtml } from '../../../src/extension/panel-html';

const inputs = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  nonce: 'bm9uY2UtdmFsdWU=',
};

test('the report panel runs the same script under the same policy, told which view to start', () => {
  const compare = renderPanelHtml(inputs);
  const report = renderPanelHtml({ ...inputs, view: 'experiment-report', title: 'Experiment: pooling-sst2' });
  const policy = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.equal(policy(report), policy(compare));
  assert.match(compare, /<main id="app" data-view="compare"><\/main>/);
  assert.match(report, /<main id="app" data-view="experiment-report"><\/main>/);
  assert.match(report, /<title>Experiment: pooling-sst2<\/title>/);
});

test('a title from a folder name cannot become markup', () => {
  const html = renderPanelHtml({ ...inputs, view: 'experiment-report', title: 'Experiment: </title><script>alert(1)</script>' });
  assert.equal([...html.matchAll(/<script\b/g)].length, 1);
  assert.match(html, /<title>Experiment: &#60;\/title&#62;&#60;script&#62;/);
});
