import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runChild } from '../child-process';
import type { Section } from '../context';
import { notAvailable, type Measurement } from '../measurement';
import { median, spread } from '../stats';

const ROOT = path.join(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'extension.js');
const CHILD = path.join(__dirname, '..', 'children', 'activate.ts');
const ITEM = '7. activation';
const SIZE_ITEM = '7. .vsix size (linux-x64)';

interface ActivationResult {
  requireMs: number;
  activateMs: number;
  runtimeLoaded: boolean;
}

/** The top-level names of the VS Code API (namespaces, classes, enums, constants), from its type declarations. */
function vscodeApiNames(): string[] {
  const declarations = readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...declarations.matchAll(/^\texport (?:namespace|class|enum|const|let) (\w+)/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error('found no exported names in @types/vscode/index.d.ts');
  return [...new Set(names)];
}

/** The newest linux-x64 .vsix in the checkout's root or dist/ (any .vsix if none says its platform). */
function findVsix(): string | undefined {
  const files = [ROOT, path.join(ROOT, 'dist')]
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.vsix')).map((name) => path.join(dir, name)))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files.find((file) => path.basename(file).includes('linux-x64')) ?? files[0];
}

/**
 * Item 7: cold `require` + `activate` of the bundled extension entry, each repetition in a fresh node,
 * and the size of the packaged extension.
 */
export const activationSection: Section = {
  id: 'activation',
  run: async ({ plan, scratchDir, log }) => {
    const measurements: Measurement[] = [];
    if (!existsSync(ENTRY)) {
      measurements.push(notAvailable(ITEM, 'dist/extension.js', 'ms', 'dist/extension.js (npm run build)', { op: '<=', value: 100 }));
    } else {
      log('activation');
      const child = path.join(scratchDir, 'activate.js');
      await esbuild.build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: child, logLevel: 'warning' });
      const apiNames = vscodeApiNames();
      const results: ActivationResult[] = [];
      for (let i = 0; i < plan.activation.repetitions; i++) {
        results.push(await runChild<ActivationResult>(child, [ENTRY, ROOT, apiNames], 60_000, true));
      }
      const totals = results.map((r) => r.requireMs + r.activateMs);
      const entry = statSync(ENTRY);
      measurements.push({
        item: ITEM,
        subject: `dist/extension.js (${(entry.size / 1024).toFixed(0)} KB, built ${entry.mtime.toISOString()})`,
        value: median(totals),
        unit: 'ms',
        spread: spread(totals),
        target: { op: '<=', value: 100 },
        details: {
          'require ms': median(results.map((r) => r.requireMs)),
          'activate ms': median(results.map((r) => r.activateMs)),
          'runtime loaded': results.some((r) => r.runtimeLoaded),
        },
      });
    }
    const vsix = findVsix();
    if (!vsix) {
      measurements.push(notAvailable(SIZE_ITEM, 'the packaged extension', 'MB', 'a .vsix (npm run package)', { op: '<=', value: 40 }));
    } else {
      measurements.push({
        item: SIZE_ITEM,
        subject: path.relative(ROOT, vsix),
        value: statSync(vsix).size / 1024 ** 2,
        unit: 'MB',
        target: { op: '<=', value: 40 },
      });
    }
    return measurements;
  },
};
