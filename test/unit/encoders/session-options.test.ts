import assert from 'node:assert/strict';
import * as os from 'node:os';
import { describe, test } from 'node:test';
import * as path from 'node:path';
import { availableProviders, createSession } from '../../../src/core/encoders/session/create-session';
import {
  defaultThreads,
  EXECUTION_PROVIDERS,
  resolveRuntime,
  sessionOptions,
} from '../../../src/core/encoders/session/session-options';
import { TINY_BERT } from '../../shared-path';

describe('session options', () => {
  test('threads: the caller’s count; 0 or none, every core but one (as the extension’s setting and --threads say)', () => {
    assert.equal(sessionOptions(3).intraOpNumThreads, 3);
    assert.equal(sessionOptions(0).intraOpNumThreads, defaultThreads());
    assert.equal(sessionOptions().intraOpNumThreads, defaultThreads());
    const cores = os.availableParallelism();
    assert.ok(defaultThreads() >= 1 && (cores === 1 || defaultThreads() < cores), 'leaves a core free');
  });
});

describe('execution providers', () => {
  test('cpu is the default, and the CPU provider backs up any other (for the operators it lacks)', () => {
    assert.deepEqual(resolveRuntime({ threads: 2 }), { threads: 2, provider: 'cpu' });
    assert.deepEqual(sessionOptions(1).executionProviders, ['cpu']);
    assert.deepEqual(sessionOptions(1, 'cuda').executionProviders, ['cuda', 'cpu']);
  });

  test('a provider this build lacks is refused before onnxruntime tries it, naming the ones there are', async () => {
    const available = availableProviders().map((p) => p.name);
    assert.ok(available.includes('cpu'));
    const missing = EXECUTION_PROVIDERS.find((p) => !available.includes(p));
    assert.ok(missing, `this build has every provider (${available.join(', ')}): nothing to refuse here`);
    await assert.rejects(createSession(path.join(TINY_BERT, 'onnx', 'model.onnx'), resolveRuntime({ threads: 1, provider: missing }), 'tiny-bert'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'bad-input');
      assert.match(error.message, new RegExp(`"${missing}" is not available\\. This onnxruntime build \\(${process.platform}-${process.arch}\\) has cpu`));
      return true;
    });
  });

  test('a listed provider that cannot start (no GPU or library here) is a clear error, not a crash', async () => {
    const installable = availableProviders().filter((p) => p.name !== 'cpu');
    for (const { name } of installable) {
      try {
        const session = await createSession(path.join(TINY_BERT, 'onnx', 'model.onnx'), resolveRuntime({ threads: 1, provider: name }), 'tiny-bert');
        await session.release(); // this machine has the device: nothing to refuse
      } catch (error) {
        assert.equal((error as { code?: string }).code, 'bad-input');
        assert.match((error as Error).message, new RegExp(`onnxruntime could not run tiny-bert on the ${name} execution provider \\(.+\\)\\. This onnxruntime build`));
      }
    }
  });
});
