import type { EncoderIdentity, HiddenStates, Token } from '../core/encoders/types';

/** L2 norm of every token's vector, per hidden state: norms[layer][token] (6 significant digits). */
export function tokenNorms(states: HiddenStates): number[][] {
  const { hiddenSize } = states;
  return states.layers.map((layer) =>
    states.tokens.map((_, t) => {
      let sum = 0;
      for (let d = t * hiddenSize; d < (t + 1) * hiddenSize; d++) sum += layer[d] * layer[d];
      return Number(Math.sqrt(sum).toPrecision(6));
    }),
  );
}

/** A number's shorter JSON spelling: plain, or with an exponent for very large and very small ones. */
function compact(n: number): string {
  const plain = String(n);
  const exponent = n.toExponential();
  return exponent.length < plain.length ? exponent : plain;
}

/** The shortest decimal that reads back as the same float32 (9 significant digits always suffice). */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (Object.is(value, -0)) return '-0';
  // Below 6 digits, 6-digit rounding already gives the shorter decimal (Number drops the trailing zeros).
  for (let digits = 6; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return compact(candidate);
  }
  return compact(Number(value.toPrecision(9)));
}

/** Control characters, newlines and the like shown escaped, so each token stays on one table line. */
function visible(text: string, width: number): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > width ? `${escaped.slice(0, width - 1)}…` : escaped;
}

function span(token: Token): string {
  return token.special ? 'special' : `${token.start}-${token.end}`;
}

export function layersTable(identity: EncoderIdentity, states: HiddenStates): string {
  const norms = tokenNorms(states);
  const header = [
    `Model         ${identity.name} (${identity.family}, ${identity.dtype})`,
    `Layers        ${identity.layers} blocks: ${states.numLayers} hidden states, 0 = embeddings`,
    `Hidden size   ${identity.hiddenSize}`,
    `Tokens        ${states.tokens.length}`,
    '',
    'L2 norm of each token vector, per hidden state:',
  ];
  const tokenWidth = Math.min(16, Math.max(5, ...states.tokens.map((t) => visible(t.text, 16).length)));
  const spanWidth = Math.max(4, ...states.tokens.map((t) => span(t).length));
  const indexWidth = String(states.tokens.length - 1).length;
  const columns = norms.map((_, l) => String(l).padStart(7)).join('');
  const rows = states.tokens.map((token, t) => {
    const cells = norms.map((layer) => layer[t].toFixed(2).padStart(7)).join('');
    const label = `${visible(token.text, 16).padEnd(tokenWidth)}  ${span(token).padEnd(spanWidth)}`;
    return `${String(t).padStart(indexWidth)}  ${label}${cells}`;
  });
  const head = `${'#'.padStart(indexWidth)}  ${'token'.padEnd(tokenWidth)}  ${'span'.padEnd(spanWidth)}${columns}`;
  return [...header, head, ...rows, ''].join('\n');
}

function jsonTokens(states: HiddenStates) {
  return states.tokens.map(({ text, start, end, special }) => ({ text, start, end, special }));
}

function jsonHead(identity: EncoderIdentity, states: HiddenStates): Record<string, unknown> {
  return {
    model: identity.name,
    family: identity.family,
    dtype: identity.dtype,
    layers: identity.layers,
    hiddenStates: states.numLayers,
    hiddenSize: identity.hiddenSize,
    tokens: jsonTokens(states),
  };
}

/** The summary as JSON: tokens and norms[layer][token]. */
export function layersJson(identity: EncoderIdentity, states: HiddenStates): string {
  return `${JSON.stringify({ ...jsonHead(identity, states), norms: tokenNorms(states) })}\n`;
}

/**
 * Every vector as JSON, hidden_states[layer][token][dim], yielded in pieces: a long text's output can exceed
 * the longest string V8 allows.
 */
export function* layersJsonFull(identity: EncoderIdentity, states: HiddenStates): Generator<string> {
  const head = JSON.stringify(jsonHead(identity, states));
  yield `${head.slice(0, -1)},"hidden_states":[`;
  const { hiddenSize } = states;
  for (let l = 0; l < states.layers.length; l++) {
    const layer = states.layers[l];
    const rows: string[] = [];
    for (let t = 0; t < states.tokens.length; t++) {
      const values: string[] = [];
      for (let d = t * hiddenSize; d < (t + 1) * hiddenSize; d++) values.push(formatFloat32(layer[d]));
      rows.push(`[${values.join(',')}]`);
    }
    yield `${l > 0 ? ',' : ''}[${rows.join(',')}]`;
  }
  yield ']}\n';
}
