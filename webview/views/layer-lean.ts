import { layerLean } from '../../src/core/layer-lean';
import type { EncoderResult } from '../../src/core/result';
import type { Task } from '../../src/core/task';
import { element } from '../dom';
import { formatLean } from '../view-model/format';

/**
 * Which layer a strategy's row leans on (see layerLean): a note shown while the row is hovered or focused
 * (CSS), always in the DOM so a screen reader reads it with the row. Undefined for a strategy this version
 * does not know.
 */
export function leanNote(encoder: EncoderResult, task: Task, strategy: string): HTMLElement | undefined {
  const lean = layerLean(encoder, task, strategy);
  if (!lean) return undefined;
  return element(
    'span',
    { className: 'lean', attrs: { 'data-layer': lean.layer === null ? '' : String(lean.layer), title: lean.reason } },
    element('span', { className: 'lean-label', text: `leans on ${formatLean(lean.layer)}` }),
    element('span', { className: 'visually-hidden', text: ` (${lean.reason})` }),
  );
}
