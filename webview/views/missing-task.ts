import type { MissingTask } from '../../src/core/result';
import { actionButton, element } from '../dom';

const TASK_NAMES: Record<MissingTask['task'], string> = { sentiment: 'sentiment', ner: 'NER' };

/** A task with no results for an encoder: why, and a button that asks the host to train its probes. */
export function missingTaskNotice(missing: MissingTask, encoderName: string): HTMLElement {
  const task = TASK_NAMES[missing.task];
  return element(
    'div',
    { className: 'missing', attrs: { role: 'note' } },
    element('p', { className: 'missing-title', text: `No ${task} probes for ${encoderName} yet.` }),
    element('p', { className: 'missing-reason', text: missing.reason }),
    actionButton('Train probes', () => ({ type: 'train', task: missing.task }), { ariaLabel: `Train ${task} probes` }),
  );
}
