// Bundles Probe Lens with esbuild.
//   node scripts/build.mjs               the product: dist/extension.js, dist/worker.js, dist/webview.js, dist/cli.js
//   node scripts/build.mjs --tests       the product, then the harness and the integration/UI tests in out/
//   node scripts/build.mjs --production  minified, without source maps (what the .vsix ships)
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');

const nodeTarget = { platform: 'node', target: 'node20', format: 'cjs' };
const common = {
  absWorkingDir: root,
  bundle: true,
  logLevel: 'warning',
  minify: production,
  sourcemap: production ? false : 'linked',
};

/** The `*.test.ts` files under `dir` (relative to the root), recursively: one bundle each. */
function testFilesUnder(dir) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function productBuilds() {
  const builds = [
    {
      ...common,
      ...nodeTarget,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      // vscode is provided by the extension host. The extension never loads a model itself (the worker
      // does); listing the runtimes keeps an accidental import from pulling them into activation.
      external: ['vscode', 'onnxruntime-node', '@huggingface/transformers'],
    },
    {
      ...common,
      ...nodeTarget,
      entryPoints: ['src/worker/main.ts'],
      outfile: 'dist/worker.js',
      // The native runtime loads its binary relative to its own files, and transformers.js locates its
      // own files with require.resolve: both stay real packages (the .vsix carries them).
      external: ['onnxruntime-node', '@huggingface/transformers'],
    },
    {
      ...common,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      entryPoints: ['webview/main.ts'],
      outfile: 'dist/webview.js',
    },
  ];
  // The CLI is another engineer's area and appears once src/cli.ts exists.
  if (existsSync(path.join(root, 'src/cli.ts'))) {
    builds.push({
      ...common,
      ...nodeTarget,
      entryPoints: ['src/cli.ts'],
      outfile: 'dist/cli.js',
      // transformers.js locates its own files with require.resolve: it must stay a real package.
      external: ['onnxruntime-node', '@huggingface/transformers'],
    });
  }
  return builds;
}

function testBuilds() {
  const testOptions = { ...common, ...nodeTarget, minify: false, sourcemap: 'inline', outbase: '.', outdir: 'out' };
  return [
    {
      ...testOptions,
      // Loaded by the extension host: vscode is the real API there; mocha is resolved from node_modules.
      entryPoints: ['test/integration/index.ts', ...testFilesUnder('test/integration')],
      external: ['vscode', 'mocha'],
    },
    {
      ...testOptions,
      entryPoints: [...testFilesUnder('test/ui'), 'test/harness/run-integration.ts', 'test/harness/run-ui.ts'],
      external: ['mocha', 'playwright-core'],
    },
  ];
}

/**
 * Deletes files in out/ this build did not write: the runners load every *.test.js they find, so a
 * renamed test must not live on. (Not a wipe of out/: a parallel run may be reading it.)
 */
function removeStaleTestOutputs(results) {
  const written = new Set(results.flatMap((r) => Object.keys(r.metafile.outputs)).map((f) => path.resolve(root, f)));
  const outDir = path.join(root, 'out');
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && !written.has(file)) rmSync(file);
  }
}

const started = performance.now();
const builds = [...productBuilds(), ...(withTests ? testBuilds() : [])];
let results;
try {
  results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
} catch {
  process.exit(1); // esbuild has already printed the errors with their file and line
}
if (withTests) removeStaleTestOutputs(results.slice(-testBuilds().length));
const outputs = builds.map((b) => b.outfile ?? `${b.outdir}/ (${b.entryPoints.length} files)`);
console.log(`built ${outputs.join(', ')} in ${Math.round(performance.now() - started)} ms`);
