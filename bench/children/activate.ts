/**
 * A child process of the bench, run by plain node (bundled first, so no TypeScript hook slows `require`):
 * times `require` of the bundled extension entry and its `activate`, with a stand-in `vscode` module handed
 * out by the module loader. Timing only: the stand-in answers every call with another stand-in, so this says
 * nothing about behaviour. Prints `RESULT {json}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

interface ActivationResult {
  requireMs: number;
  activateMs: number;
  /** Whether onnxruntime-node was loaded by the time activate returned (it should not be). */
  runtimeLoaded: boolean;
}

/**
 * Any property, call or construction yields another stand-in; configuration.get(key, fallback) yields
 * fallback; properties the extension assigns read back as assigned.
 */
function standIn(name: string): unknown {
  const assigned = new Map<PropertyKey, unknown>();
  return new Proxy(function standInFunction() {}, {
    get(_target, property) {
      if (assigned.has(property)) return assigned.get(property);
      if (property === 'then') return undefined; // not a promise
      if (property === Symbol.iterator) return function* nothing() {};
      if (property === Symbol.toPrimitive) return () => name;
      return standIn(`${name}.${String(property)}`);
    },
    set(_target, property, value) {
      assigned.set(property, value);
      return true;
    },
    defineProperty(_target, property, descriptor) {
      assigned.set(property, descriptor.value ?? descriptor.get?.());
      return true;
    },
    apply(_target, _this, args: unknown[]) {
      if (name.endsWith('.get') && args.length > 1) return args[1];
      return standIn(`${name}()`);
    },
    construct() {
      return standIn(`new ${name}`) as object;
    },
  });
}

interface FileUri {
  scheme: 'file';
  fsPath: string;
  path: string;
  toString(): string;
}

/** File URIs are the one thing extensions turn into real paths during activation (storage folders). */
function fileUri(fsPath: string): FileUri {
  return { scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}` };
}

const uriClass = {
  file: fileUri,
  parse: (value: string) => fileUri(value.replace(/^file:\/\//, '')),
  joinPath: (base: FileUri, ...parts: string[]) => fileUri(path.join(base.fsPath, ...parts)),
};

function extensionContext(extensionPath: string, storage: string): object {
  const known: Record<string, unknown> = {
    subscriptions: [],
    extensionPath,
    extensionUri: fileUri(extensionPath),
    globalStorageUri: fileUri(path.join(storage, 'global')),
    storageUri: fileUri(path.join(storage, 'workspace')),
    logUri: fileUri(path.join(storage, 'log')),
    extensionMode: 1,
  };
  return new Proxy(known, { get: (target, property) => (property in target ? target[property as string] : standIn(`context.${String(property)}`)) });
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** The module object: its top-level names must be own properties, as bundlers copy them one by one. */
function vscodeModule(names: readonly string[]): Record<string, unknown> {
  return { ...Object.fromEntries(names.map((name) => [name, standIn(`vscode.${name}`)])), Uri: uriClass };
}

async function measure(entry: string, extensionPath: string, apiNames: string[]): Promise<ActivationResult> {
  const loader = Module as unknown as { _load: Loader };
  const load = loader._load;
  const vscode = vscodeModule(apiNames);
  loader._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
  const storage = mkdtempSync(path.join(os.tmpdir(), 'probe-lens-activation-'));
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the point is to time the loader
  const extension = require(entry) as { activate: (context: object) => unknown };
  const required = performance.now();
  let activated: number;
  try {
    await extension.activate(extensionContext(extensionPath, storage));
    activated = performance.now();
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
  return {
    requireMs: required - started,
    activateMs: activated - required,
    runtimeLoaded: Object.keys(require.cache).some((file) => file.includes('onnxruntime-node')),
  };
}

const [entry, extensionPath, apiNames] = JSON.parse(process.argv[2]) as [string, string, string[]];
measure(entry, extensionPath, apiNames).then(
  (result) => console.log(`RESULT ${JSON.stringify(result)}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
