import type { EncoderResult, EntitySpan, NerResult } from '../../src/core/result';
import { formatPercent } from '../../src/core/svg';
import { element, heading, uniqueId } from '../dom';
import { entityClasses, spanAgreement } from '../view-model/entities';
import { splitIntoSegments } from '../view-model/segments';
import { leanNote } from './layer-lean';
import { missingTaskNotice } from './missing-task';

/**
 * The text once per fusion strategy, entities drawn in place. Every row is the same text in a box of the same
 * width, and highlights never change glyph widths, so lines break at the same places in every row and a span
 * one strategy found and another missed sits right above or below the plain text.
 */
export function nerSection(text: string, encoder: EncoderResult, encoderName: string, types: readonly string[]): HTMLElement {
  const id = uniqueId('ner');
  const section = element('section', { className: 'task task-ner', attrs: { 'aria-labelledby': id } }, heading(3, 'Entities by fusion strategy', id));
  for (const missing of encoder.missing.filter((task) => task.task === 'ner')) section.append(missingTaskNotice(missing, encoderName));
  if (encoder.ner.length === 0) {
    if (!encoder.missing.some((task) => task.task === 'ner')) section.append(element('p', { className: 'muted', text: 'No fusion strategies are selected.' }));
    return section;
  }
  const agreement = spanAgreement(encoder.ner);
  const disagree = agreement.some((row) => row.includes(false));
  section.append(legend(encoder.ner, types, disagree));
  const rows = element('div', { className: 'ner-rows' });
  encoder.ner.forEach((strategy, i) => rows.append(...nerRow(text, strategy, agreement[i], types, leanNote(encoder, 'ner', strategy.strategy))));
  section.append(rows);
  return section;
}

function legend(strategies: readonly NerResult[], types: readonly string[], disagree: boolean): HTMLElement {
  const present = new Set(strategies.flatMap((strategy) => strategy.spans.map((span) => span.type)));
  const items = types
    .map((type, index) => ({ type, index }))
    .filter(({ type }) => present.has(type))
    .map(({ type, index }) => element('li', {}, element('span', { className: ['swatch', ...entityClasses(index)].join(' '), attrs: { 'aria-hidden': 'true' } }), type));
  if (items.length === 0) return element('p', { className: 'muted', text: 'No strategy found an entity in this text.' });
  if (disagree) {
    items.push(element('li', {}, element('span', { className: 'swatch swatch-differs', attrs: { 'aria-hidden': 'true' } }), 'not found by every strategy'));
  }
  return element('ul', { className: 'legend', attrs: { 'aria-label': 'Entity types' } }, ...items);
}

function nerRow(text: string, strategy: NerResult, unanimous: readonly boolean[], types: readonly string[], lean: HTMLElement | undefined): HTMLElement[] {
  const labelId = uniqueId('fusion');
  const count = strategy.spans.length;
  const differing = unanimous.filter((same) => !same).length;
  const label = element(
    'div',
    // Focusable, so the keyboard shows the strategy's lean as hovering does.
    { className: 'ner-strategy', attrs: { id: labelId, tabindex: '0' } },
    element('span', { className: 'strategy', text: strategy.strategy }),
    element('span', { className: 'muted', text: `${count} ${count === 1 ? 'entity' : 'entities'}${differing ? `, ${differing} differ` : ''}` }),
    ...(lean ? [lean] : []),
  );
  const block = element('p', { className: 'text-block ner-text', attrs: { dir: 'auto', 'aria-labelledby': labelId } });
  let previousEnd = -1;
  for (const segment of splitIntoSegments(text, strategy.spans)) {
    const piece = text.slice(segment.start, segment.end);
    if (segment.covering.length === 0) {
      block.append(piece);
      continue;
    }
    const spans = segment.covering.map((i) => strategy.spans[i]);
    const typeIndex = Math.max(0, types.indexOf(spans[0].type));
    const differs = segment.covering.some((i) => !unanimous[i]);
    const classes = ['entity', ...entityClasses(typeIndex)];
    if (differs) classes.push('entity-differs');
    // Two entities back to back ("B-PER B-PER") would merge into one highlight without a visible seam.
    if (segment.start === previousEnd) classes.push('entity-adjacent');
    previousEnd = segment.end;
    const description = spans.map(describe).join('; ') + (differs ? ' (not found by every strategy)' : '');
    block.append(
      element(
        'mark',
        { className: classes.join(' '), attrs: { title: description } },
        piece,
        // Read by screen readers right after the entity's text; takes no room on screen.
        element('span', { className: 'visually-hidden', text: ` (${description})` }),
      ),
    );
  }
  return [label, block];
}

function describe(span: EntitySpan): string {
  return `${span.type}, ${formatPercent(span.confidence)} confidence`;
}
