import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';

const SVG_DIR = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'svg');

it('src/core/svg imports only its own modules, so the webview can bundle it (no Node APIs, no DOM)', () => {
  const files = readdirSync(SVG_DIR).filter((file) => file.endsWith('.ts'));
  assert.ok(files.length >= 8);
  for (const file of files) {
    const source = readFileSync(path.join(SVG_DIR, file), 'utf8');
    const imports = [...source.matchAll(/\bfrom\s+'([^']+)'|\brequire\(|\bimport\(/g)].map((match) => match[1] ?? match[0]);
    for (const target of imports) assert.match(target, /^\.\/[\w-]+$/, `${file} imports ${target}`);
    assert.doesNotMatch(source, /\b(document|window|globalThis|process|Buffer)\./, `${file} reaches for a host global`);
  }
});
