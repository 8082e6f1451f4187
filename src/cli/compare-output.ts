import type { Token } from '../core/encoders/types';
import type { CompareResult, EncoderResult, EntitySpan, SentimentResult } from '../core/result';
import { encoderLabel } from '../core/encoder-label';
import { duration, renderTable } from './table';

const TOP_TOKENS = 3;
const INDENT = '  ';

/** The text with each entity marked inline: "[Ada Lovelace]PER was born in [London]LOC." */
export function markEntities(text: string, spans: readonly EntitySpan[]): string {
  let marked = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue; // overlapping spans do not occur after BIO decoding; never print text twice
    marked += `${text.slice(at, span.start)}[${text.slice(span.start, span.end)}]${span.type}`;
    at = span.end;
  }
  return marked + text.slice(at);
}

/** The weighted-sum pooling's heaviest words: "brilliant 0.21, program 0.12, wrote 0.08". */
export function topWeightedTokens(text: string, tokens: readonly Token[], weights: readonly number[], count = TOP_TOKENS): string {
  return tokens
    .map((token, t) => ({ token, weight: weights[t] }))
    .filter(({ token }) => !token.special && text.slice(token.start, token.end).trim() !== '')
    .sort((a, b) => b.weight - a.weight)
    .slice(0, count)
    .map(({ token, weight }) => `${JSON.stringify(text.slice(token.start, token.end).trim()).slice(1, -1)} ${weight.toFixed(2)}`)
    .join(', ');
}

function probabilities(result: SentimentResult): string {
  return result.probabilities.map(({ label, probability }) => `${label}: ${probability.toFixed(2)}`).join('  ');
}

function sentimentTable(text: string, encoder: EncoderResult): string {
  const rows = encoder.sentiment.map((result) => [
    result.strategy,
    result.label,
    probabilities(result),
    result.margin.toFixed(2),
    result.tokenWeights ? topWeightedTokens(text, encoder.tokens, result.tokenWeights) : '',
  ]);
  return renderTable(
    [{ header: 'strategy' }, { header: 'label' }, { header: 'probabilities' }, { header: 'margin', align: 'right' }, { header: 'top weighted tokens' }],
    rows,
    INDENT.repeat(2),
  );
}

function nerLines(text: string, encoder: EncoderResult): string[] {
  const width = Math.max(...encoder.ner.map((result) => result.strategy.length));
  const continuation = `\n${INDENT.repeat(2)}${' '.repeat(width + 2)}`;
  return encoder.ner.map(
    (result) => `${INDENT.repeat(2)}${result.strategy.padEnd(width)}  ${markEntities(text, result.spans).split(/\r?\n/).join(continuation)}`,
  );
}

function encoderSection(text: string, encoder: EncoderResult): string {
  const { name, family, layers, hiddenSize, dtype } = encoder.encoder;
  const lines = [`${encoderLabel(name)}  (${family}, ${layers} layers, hidden ${hiddenSize}, ${dtype})`];
  if (encoder.sentiment.length > 0) lines.push(`${INDENT}Sentiment, per pooling strategy:`, sentimentTable(text, encoder));
  if (encoder.ner.length > 0) lines.push(`${INDENT}Entities, per layer-fusion strategy:`, ...nerLines(text, encoder));
  for (const missing of encoder.missing) lines.push(`${INDENT}${missing.task === 'sentiment' ? 'Sentiment' : 'Entities'}: ${missing.reason}`);
  const { loadMs, encodeMs, headsMs } = encoder.timings;
  lines.push(`${INDENT}Time: load ${duration(loadMs)} · encode ${duration(encodeMs)} · heads ${duration(headsMs)}`);
  return lines.join('\n');
}

/** The human output of `compare`: per encoder, the sentiment table and the text with entities marked. */
export function compareReport(result: CompareResult): string {
  return `${result.encoders.map((encoder) => encoderSection(result.text, encoder)).join('\n\n')}\n`;
}
