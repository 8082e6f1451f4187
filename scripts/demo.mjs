// `npm run demo -- ["<text>"]`: the main job of Probe Lens on a fresh machine. It compares every pooling and
// fusion strategy on the text, training the probes the encoders lack first (`compare --train-missing`).
// On a developer checkout with ../shared beside it (these offline machines), it uses the shared tiny
// encoders and datasets and never touches the network; elsewhere, the default hub models and datasets.
// Options before the text are passed to `probe-lens compare` (e.g. --few-shot 300, --json).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PROBE_LENS_SHARED ?? path.resolve(root, '..', 'shared');
const tinyBert = path.join(shared, 'models', 'tiny-bert-uncased');
const tinyGpt2 = path.join(shared, 'models', 'tiny-gpt2');
const data = path.join(shared, 'data');
const DEFAULT_TEXT = 'Ada Lovelace wrote the first computer program in London, and it was brilliant.';

const given = process.argv.slice(2);
const args = given.length > 0 ? given : [DEFAULT_TEXT];
const local = [tinyBert, tinyGpt2, data].every((p) => existsSync(p));
const source = local ? ['--model', tinyBert, '--model', tinyGpt2, '--data-dir', data, '--offline'] : [];
if (local) console.error(`demo: using the shared tiny encoders and datasets in ${shared} (offline)`);

const cli = ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), 'compare', '--train-missing', ...source, ...args];
const { status, signal } = spawnSync(process.execPath, cli, { cwd: root, stdio: 'inherit' });
process.exit(status ?? (signal === 'SIGINT' ? 130 : 1));
