import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPanelHtml } from '../../../src/extension/panel-html';

const inputs = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  nonce: 'bm9uY2UtdmFsdWU=',
};

function policyOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'the panel has no Content-Security-Policy meta tag');
  return new Map(
    content.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

test('the policy denies everything but the nonce-tagged script and the extension\'s own files', () => {
  const policy = policyOf(renderPanelHtml(inputs));
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('script-src'), [`'nonce-${inputs.nonce}'`]);
  for (const [name, sources] of policy) {
    if (name === 'default-src' || name === 'script-src') continue;
    assert.deepEqual(sources, [inputs.cspSource], `${name} allows more than the extension's files`);
  }
});

test('every script carries the nonce, and only the bundled script is loaded', () => {
  const html = renderPanelHtml(inputs);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  assert.deepEqual(scripts, [`<script nonce="${inputs.nonce}" src="${inputs.scriptUri}">`]);
  assert.match(html, new RegExp(`<link rel="stylesheet" href="${inputs.styleUri.replace(/[.+]/g, '\\$&')}">`));
});
