import type { CompareResult, EntitySpan, NerResult } from '../../src/core/result';

/** How many distinct entity colours the stylesheet defines (VS Code's six chart colours). */
export const ENTITY_COLOURS = 6;

/**
 * Every entity type in the result, sorted, so a type keeps one colour in every strategy row and every encoder
 * column (a per-row order would let LOC be blue in one row and green in the next).
 */
export function entityTypes(result: CompareResult): string[] {
  const types = new Set<string>();
  for (const encoder of result.encoders) {
    for (const strategy of encoder.ner) for (const span of strategy.spans) types.add(span.type);
  }
  return [...types].sort();
}

/**
 * The classes that draw type number `index`: a colour, and past six types an underline style too, so two
 * types never look the same.
 */
export function entityClasses(index: number): string[] {
  const colour = `entity-colour-${index % ENTITY_COLOURS}`;
  const line = Math.floor(index / ENTITY_COLOURS) % 3;
  return line === 0 ? [colour] : [colour, `entity-line-${line}`];
}

/**
 * For each strategy's spans (same order), whether every strategy found that exact span with that type: the
 * ones that are not are where the fusion strategies disagree, which the panel marks.
 */
export function spanAgreement(strategies: readonly NerResult[]): boolean[][] {
  const found = new Map<string, number>();
  for (const strategy of strategies) {
    for (const key of new Set(strategy.spans.map(spanKey))) found.set(key, (found.get(key) ?? 0) + 1);
  }
  return strategies.map((strategy) => strategy.spans.map((span) => found.get(spanKey(span)) === strategies.length));
}

function spanKey(span: EntitySpan): string {
  return `${span.start}:${span.end}:${span.type}`;
}
