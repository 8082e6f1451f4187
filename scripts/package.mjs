// Packages Probe Lens as one .vsix per platform, offline.
//   node scripts/package.mjs                          every platform onnxruntime-node ships binaries for
//   node scripts/package.mjs --target linux-x64       one platform (repeatable)
//   node scripts/package.mjs --out <folder>           where the .vsix files go (default: the checkout's root)
//
// dist/worker.js keeps onnxruntime-node and @huggingface/transformers external, so each .vsix carries them:
// .vscodeignore lists the platform-independent files; this script adds, per target, that platform's
// onnxruntime binaries and the transformers.js files the hub download code imports (measured here with
// esbuild, from the imports in src/core/encoders/model/hub.ts), and runs `vsce package --target`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINUX_X64_MB = 40;

function parseArgs(argv) {
  const targets = [];
  let out = root;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') targets.push(argv[++i]);
    else if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; use --target <os-arch> and --out <folder>`);
  }
  return { targets, out };
}

/** Platforms with onnxruntime binaries, as vsce targets ("linux-x64"), each with its binaries' folder. */
function availableTargets() {
  const bin = path.join(root, 'node_modules', 'onnxruntime-node', 'bin');
  const found = new Map();
  for (const napi of readdirSync(bin).filter((name) => name.startsWith('napi-v'))) {
    for (const os of readdirSync(path.join(bin, napi))) {
      for (const arch of readdirSync(path.join(bin, napi, os))) {
        found.set(`${os}-${arch}`, `node_modules/onnxruntime-node/bin/${napi}/${os}/${arch}`);
      }
    }
  }
  return found;
}

/** The package files (relative to the root) that transformers.js' hub code pulls in when hub.ts imports it. */
async function transformersHubFiles() {
  const hubSource = readFileSync(path.join(root, 'src/core/encoders/model/hub.ts'), 'utf8');
  const entries = [...hubSource.matchAll(/libraryFile\('([^']+)'\)/g)].map((match) => match[1]);
  if (entries.length === 0) throw new Error('found no libraryFile(...) imports in src/core/encoders/model/hub.ts');
  const library = 'node_modules/@huggingface/transformers';
  const result = await esbuild.build({
    stdin: { contents: entries.map((entry) => `import './${library}/${entry}';`).join('\n'), resolveDir: root },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const files = Object.keys(result.metafile.inputs).filter((file) => file !== '<stdin>');
  const outside = files.filter((file) => !file.startsWith(`${library}/`));
  if (outside.length > 0) throw new Error(`the hub code now imports other packages too (${outside.join(', ')}): ship them`);
  return files;
}

function ignoreFileFor(binaries, hubFiles) {
  const base = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  return `${base}\n# added by scripts/package.mjs for this target\n!${binaries}/**\n${hubFiles.map((file) => `!${file}`).join('\n')}\n`;
}

function vsixEntries(vsix) {
  return execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n');
}

/** Fails when the package misses what runs or carries what must not ship. */
function checkContents(vsix, binaries) {
  const entries = vsixEntries(vsix);
  const required = ['extension/dist/extension.js', 'extension/dist/worker.js', 'extension/dist/webview.js', 'extension/package.json'];
  const missing = required.filter((file) => !entries.includes(file));
  if (!entries.some((file) => file.startsWith(`extension/${binaries}/`) && file.endsWith('.node'))) missing.push(`${binaries}/*.node`);
  const stray = entries.filter(
    (file) =>
      /^extension\/(src|test|webview|scripts|bench|out)\//.test(file) ||
      file.endsWith('.map') ||
      (file.includes('/onnxruntime-node/bin/') && !file.startsWith(`extension/${binaries}/`)),
  );
  if (missing.length > 0 || stray.length > 0) {
    throw new Error(`${vsix}: ${missing.length ? `missing ${missing.join(', ')}` : ''}${stray.length ? ` must not contain ${stray.slice(0, 5).join(', ')}` : ''}`);
  }
  return entries.length;
}

/** The pictures the package's README, walkthrough and manifest show: each must be a file in the package. */
function checkPictures(vsix) {
  const entries = new Set(vsixEntries(vsix));
  const readme = execFileSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8' });
  const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
  const pictures = [
    ...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img [^>]*src="([^"]+)"/g)].map((match) => ({ where: 'README', path: match[1] ?? match[2] })),
    ...manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => ({ where: `walkthrough step ${step.id}`, path: step.media.image }))),
    { where: 'icon', path: manifest.icon },
  ];
  if (pictures.length < 3) throw new Error(`${vsix}: found only ${pictures.length} pictures; the README or walkthrough lost theirs?`);
  const broken = pictures.filter(({ path: picture }) => /^https?:/.test(picture) ? !picture.startsWith('https://') : !entries.has(`extension/${path.posix.normalize(picture)}`));
  if (broken.length > 0) throw new Error(`${vsix}: pictures that do not resolve in the package: ${broken.map((b) => `${b.where}: ${b.path}`).join(', ')}`);
}

async function main() {
  const { targets: asked, out } = parseArgs(process.argv.slice(2));
  const available = availableTargets();
  const targets = asked.length > 0 ? asked : [...available.keys()];
  const unknown = targets.filter((target) => !available.has(target));
  if (unknown.length > 0) throw new Error(`no onnxruntime binaries for ${unknown.join(', ')}; available: ${[...available.keys()].join(', ')}`);
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const hubFiles = await transformersHubFiles();
  const scratch = path.join(root, '.scratch', 'package');
  mkdirSync(scratch, { recursive: true });
  mkdirSync(out, { recursive: true });
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  for (const target of targets) {
    const ignoreFile = path.join(scratch, `vscodeignore-${target}`);
    writeFileSync(ignoreFile, ignoreFileFor(available.get(target), hubFiles));
    const vsix = path.join(out, `probe-lens-${target}-${version}.vsix`);
    rmSync(vsix, { force: true });
    // vsce runs the vscode:prepublish script (the production build) first; npm's dependency listing is local.
    // npm itself is kept to errors: it warns about .npmrc's onnxruntime-node-install key on every run (the key
    // is onnxruntime-node's install flag, read by its install script, not an npm setting).
    const output = spawnSync(vsce, ['package', '--target', target, '--ignoreFile', ignoreFile, '--no-rewrite-relative-links', '--out', vsix], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    const said = `${output.stdout}${output.stderr}`;
    if (output.status !== 0) throw new Error(`vsce package failed:\n${said}`);
    const warnings = said.split('\n').filter((line) => /\bWARNING\b|\bwarn\b/i.test(line));
    if (warnings.length > 0) throw new Error(`vsce package warned; fix what it says:\n${warnings.join('\n')}`);
    const files = checkContents(vsix, available.get(target));
    checkPictures(vsix);
    const megabytes = statSync(vsix).size / 1024 ** 2;
    console.log(`${path.relative(process.cwd(), vsix)}: ${megabytes.toFixed(1)} MB, ${files} files`);
    if (target === 'linux-x64' && megabytes > MAX_LINUX_X64_MB) throw new Error(`the linux-x64 .vsix is ${megabytes.toFixed(1)} MB; the budget is ${MAX_LINUX_X64_MB} MB`);
  }
  if (!existsSync(out)) throw new Error(`${out} was not created`);
}

main().catch((error) => {
  console.error(`package: ${error.message}`);
  process.exit(1);
});
