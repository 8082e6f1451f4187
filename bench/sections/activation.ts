import * as esbuild from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
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

const PACKAGE_COMMAND = 'npm run package -- --target linux-x64';

/** The newest linux-x64 .vsix in these folders (any .vsix if none says its platform). */
function findVsix(dirs: string[]): string | undefined {
  const files = dirs
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.vsix')).map((name) => path.join(dir, name)))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files.find((file) => path.basename(file).includes('linux-x64')) ?? files[0];
}

/**
 * Packages the linux-x64 .vsix into `outDir` with scripts/package.mjs (a production build of dist/ first,
 * then vsce) and returns its path. A packaging failure fails the section: the product would not ship.
 */
async function packageVsix(outDir: string): Promise<string> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--target', 'linux-x64', '--out', outDir], {
    cwd: ROOT,
    timeout: 15 * 60_000,
    maxBuffer: 16 * 1024 ** 2,
  });
  const vsix = findVsix([outDir]);
  if (!vsix) throw new Error(`scripts/package.mjs --out ${outDir} wrote no .vsix`);
  return vsix;
}

/**
 * Item 7: cold `require` + `activate` of the bundled extension entry, each repetition in a fresh node,
 * and the size of the packaged extension. A full run packages the linux-x64 .vsix first (which also
 * rebuilds dist/ for production, so activation times the bundle that ships); --quick measures a .vsix
 * already in the checkout's root or dist/, if any.
 */
export const activationSection: Section = {
  id: 'activation',
  run: async ({ plan, scratchDir, log }) => {
    const measurements: Measurement[] = [];
    let vsix: string | undefined;
    if (!plan.quick) {
      log(`activation: packaging (${PACKAGE_COMMAND})`);
      vsix = await packageVsix(path.join(scratchDir, 'vsix'));
    }
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
    vsix ??= findVsix([ROOT, path.join(ROOT, 'dist')]);
    if (!vsix) {
      const how = `a .vsix: \`${PACKAGE_COMMAND}\` writes probe-lens-linux-x64-<version>.vsix into the checkout's root; a full \`npm run bench\` packages one itself`;
      measurements.push(notAvailable(SIZE_ITEM, 'the packaged extension', 'MB', how, { op: '<=', value: 40 }));
    } else {
      measurements.push({
        item: SIZE_ITEM,
        subject: vsix.startsWith(scratchDir) ? `${path.basename(vsix)} (packaged by this run)` : path.relative(ROOT, vsix),
        value: statSync(vsix).size / 1024 ** 2,
        unit: 'MB',
        target: { op: '<=', value: 40 },
      });
    }
    return measurements;
  },
};
