/**
 * The shape of results.json, checked field by field so a wrong file is named by its first wrong field
 * ("cells[3].metrics.f1.mean is missing") instead of failing somewhere in the rendering. Only the fields a
 * reader of the results uses are checked; extra fields are allowed (a newer writer of the same format).
 */

/** Returns what is wrong with `value` at `path`, or undefined when it fits. */
type Check = (value: unknown, path: string) => string | undefined;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value === 'string' ? 'a string' : `a ${typeof value}`} (${JSON.stringify(value)?.slice(0, 40)})`;
}

const wrong = (path: string, value: unknown, expected: string) => `"${path}" is ${describe(value)}, not ${expected}`;

const string: Check = (value, path) => (typeof value === 'string' ? undefined : wrong(path, value, 'a string'));
const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : wrong(path, value, 'true or false'));
const number: Check = (value, path) => (typeof value === 'number' ? undefined : wrong(path, value, 'a number'));
/** JSON writes NaN and ±Infinity as null: where a computation may give one, null is a value. */
const numberOrNull: Check = (value, path) => (value === null || typeof value === 'number' ? undefined : wrong(path, value, 'a number or null'));
const wholeNumber: Check = (value, path) => (Number.isInteger(value) && (value as number) >= 0 ? undefined : wrong(path, value, 'a whole number'));

function oneOf(...allowed: readonly unknown[]): Check {
  return (value, path) => (allowed.includes(value) ? undefined : wrong(path, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`));
}

function nullable(check: Check): Check {
  return (value, path) => (value === null ? undefined : check(value, path));
}

function arrayOf(check: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return wrong(path, value, 'an array');
    for (const [i, item] of value.entries()) {
      const problem = check(item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An array with at least one item (a chart of no layers has nothing to draw). */
function nonEmptyArrayOf(check: Check): Check {
  return (value, path) => (Array.isArray(value) && value.length === 0 ? `"${path}" is empty` : arrayOf(check)(value, path));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function recordOf(check: Check): Check {
  return (value, path) => {
    if (!isRecord(value)) return wrong(path, value, 'an object');
    for (const [key, item] of Object.entries(value)) {
      const problem = check(item, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object with these fields (each required unless listed in `optional`). */
function object(fields: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value, path) => {
    if (!isRecord(value)) return wrong(path, value, 'an object');
    const at = (key: string) => (path ? `${path}.${key}` : key);
    for (const [key, check] of Object.entries(fields)) {
      if (!(key in value)) return `"${at(key)}" is missing`;
      const problem = check(value[key], at(key));
      if (problem) return problem;
    }
    for (const [key, check] of Object.entries(optional)) {
      const problem = key in value && value[key] !== undefined ? check(value[key], at(key)) : undefined;
      if (problem) return problem;
    }
    return undefined;
  };
}

const spread = object({ mean: number, std: numberOrNull, n: wholeNumber, values: arrayOf(numberOrNull) });

const dataset = object({ file: string, sha256: string, examples: wholeNumber, used: wholeNumber });

const encoder = object({
  label: string,
  identity: object({ name: string, family: string, layers: wholeNumber, hiddenSize: wholeNumber, dtype: string, fingerprint: string }),
  featuresMs: number,
  featuresReused: boolean,
  parameterCounts: recordOf(wholeNumber),
});

const run = object({ encoder: string, strategy: string, size: wholeNumber, seed: number, metrics: recordOf(numberOrNull) });

const cell = object(
  { encoder: string, strategy: string, size: wholeNumber, parameterCount: wholeNumber, metrics: recordOf(spread), stepsToTarget: nullable(spread), stepsToCommonTarget: nullable(spread) },
  { layerWeights: nonEmptyArrayOf(spread) },
);

const comparison = object(
  {
    encoder: string,
    label: string,
    difference: object({ n: wholeNumber, mean: number, std: numberOrNull, confidence: number, low: numberOrNull, high: numberOrNull }),
    sign: oneOf(-1, 0, 1),
    primary: boolean,
  },
  { anova: nullable(object({ f: numberOrNull, df1: number, df2: number, p: number })) },
);

const claim = object({
  id: string,
  claim: string,
  verdict: oneOf('supported', 'partly supported', 'contradicted', 'partly contradicted', 'mixed', 'inconclusive', 'not testable'),
  summary: string,
  method: string,
  comparisons: arrayOf(comparison),
});

const metricName = object({ key: string, label: string });

const layerResult = object(
  { layer: wholeNumber, score: numberOrNull, C: number },
  {
    control: nullable(object({ C: number, taskAccuracy: numberOrNull, score: numberOrNull, selectivity: numberOrNull, converged: boolean })),
    mdl: nullable(object({ kbits: numberOrNull, uniformKbits: numberOrNull, compression: numberOrNull })),
  },
);

const layerSweep = object({
  encoder: string,
  sweep: object({
    task: oneOf('sentiment', 'ner'),
    metric: metricName,
    layerCount: wholeNumber,
    trainExamples: wholeNumber,
    devExamples: wholeNumber,
    strategies: nonEmptyArrayOf(object({ strategy: string, bestLayer: wholeNumber, expectedLayer: numberOrNull, layers: nonEmptyArrayOf(layerResult) })),
  }),
});

/** Every field of ExperimentResults (format 1) that a reader of the results relies on. */
export const checkExperimentResults: Check = object(
  {
    format: number,
    kind: oneOf('pooling', 'fusion'),
    task: oneOf('sentiment', 'ner'),
    metric: object({ key: string, label: string, others: arrayOf(metricName) }),
    commandLine: string,
    quick: boolean,
    startedAt: string,
    durationMs: number,
    seeds: arrayOf(number),
    sizes: arrayOf(object({ requested: (value, path) => (value === 'all' ? undefined : wholeNumber(value, path)), used: wholeNumber })),
    strategies: arrayOf(string),
    labels: arrayOf(string),
    schedule: object({ minSteps: number, maxSteps: number, evaluateEvery: number }),
    datasets: object({ train: dataset, dev: dataset, selection: object({ examples: wholeNumber, seed: number }) }),
    encoders: arrayOf(encoder),
    runs: arrayOf(run),
    cells: arrayOf(cell),
    claims: arrayOf(claim),
    notices: arrayOf(string),
  },
  { layerSweeps: arrayOf(layerSweep) },
);
