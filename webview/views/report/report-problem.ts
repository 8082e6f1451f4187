import { element } from '../../dom';

/** The report's file was deleted or can no longer be read: what happened, and whether the report below is stale. */
export function reportProblemBanner(problem: { title: string; message: string }, hasReport: boolean): HTMLElement {
  const text = element('div', { className: 'banner-text' }, element('p', { className: 'banner-title', text: problem.title }), element('p', { className: 'error-message', text: problem.message }));
  if (hasReport) text.append(element('p', { className: 'muted', text: 'Below: the report as it was last read.' }));
  return element('div', { className: 'banner banner-error', attrs: { role: 'alert' } }, text);
}
