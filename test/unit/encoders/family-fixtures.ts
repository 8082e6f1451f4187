/**
 * Small random models of every family and dtype (test/fixtures/make-fixtures.py), generated once into a cache
 * folder outside the project (keyed by the script, the texts and their token ids) and reused by later runs.
 * Generation needs Debian's python3-torch and python3-onnx (scripts/setup.sh installs them) and takes ~20 s.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from '../../../src/core/encoders/model/cache-dir';
import { createTokenizer, loadTokenizer } from '../../../src/core/encoders/tokenize';
import type { Tokenizer } from '../../../src/core/encoders/types';
import { SHARED_DIR, TINY_BERT, TINY_GPT2, TINY_LLAMA } from '../../shared-path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'fixtures', 'make-fixtures.py');
const UNIGRAM = path.resolve(__dirname, '..', 'tokenize', 'unigram-tokenizer.json');
const PYTHON = process.env.PROBE_LENS_PYTHON ?? '/usr/bin/python3';

/** The texts every fixture's reference hidden states are computed for. */
export const FIXTURE_TEXTS = ['The quick brown fox.', 'naïve café — Tōkyō 東京 🚀', 'Ada Lovelace wrote the first program in London.'];

async function tokenizers(): Promise<Record<string, Tokenizer>> {
  const unigramConfig = { model_max_length: 512, bos_token: '<s>', eos_token: '</s>', pad_token: '<pad>', unk_token: '<unk>' };
  return {
    llama: await loadTokenizer(TINY_LLAMA, 'llama', 4096),
    gpt2: await loadTokenizer(TINY_GPT2, 'gpt2', 1024),
    bert: await loadTokenizer(TINY_BERT, 'bert', 512),
    unigram: createTokenizer(JSON.parse(readFileSync(UNIGRAM, 'utf8')), unigramConfig, 'xlm-roberta', 512),
  };
}

let ready: Promise<string> | undefined;

/** The folder holding every fixture (one subfolder per model), generating it first when it is not cached. */
export function familyFixtures(): Promise<string> {
  ready ??= (async () => {
    const ids: Record<string, number[][]> = {};
    for (const [name, tokenizer] of Object.entries(await tokenizers())) {
      ids[name] = FIXTURE_TEXTS.map((text) => tokenizer.withSpecials(tokenizer.tokenize(text), text.length).map((t) => t.id));
    }
    const idsJson = JSON.stringify(ids);
    const key = createHash('sha256').update(readFileSync(SCRIPT)).update(readFileSync(UNIGRAM)).update(idsJson).digest('hex').slice(0, 16);
    const base = process.env.PROBE_LENS_FIXTURE_CACHE ?? path.join(cacheRoot(), 'test-fixtures');
    const folder = path.join(base, key);
    if (existsSync(path.join(folder, '.complete'))) return folder;
    const building = `${folder}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    writeFileSync(path.join(building, 'ids.json'), idsJson);
    const run = spawnSync(PYTHON, [SCRIPT, building, path.join(SHARED_DIR, 'models'), UNIGRAM, path.join(building, 'ids.json')], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    if (run.status !== 0) {
      rmSync(building, { recursive: true, force: true });
      throw new Error(
        `Generating the model fixtures failed (${PYTHON} ${SCRIPT}; scripts/setup.sh installs python3-torch and python3-onnx):\n` +
          `${run.error?.message ?? ''}${run.stderr}`,
      );
    }
    rmSync(folder, { recursive: true, force: true });
    renameSync(building, folder);
    return folder;
  })();
  return ready;
}

export interface FixtureReference {
  items: Array<{ input_ids: number[]; hidden_states: number[][][] }>;
}

export function fixtureReference(folder: string): FixtureReference {
  return JSON.parse(readFileSync(path.join(folder, 'reference', 'hidden_states.json'), 'utf8')) as FixtureReference;
}
