import type { ClaimReport } from '../../../src/core/experiments/report-view';
import { element, uniqueId } from '../../dom';
import { reportTable } from './report-table';

/** A claim of the papers: its verdict as a coloured badge, the numbers in a sentence, the method and the comparisons. */
export function claimCard(claim: ClaimReport, number: number, tableNames: ReadonlyMap<object, string>): HTMLElement {
  const id = uniqueId('claim');
  const verdict = element('span', { className: `verdict verdict-${claim.tone}`, text: claim.verdict, attrs: { title: `Verdict: ${claim.verdict}` } });
  const card = element(
    'article',
    { className: `claim claim-${claim.tone}`, attrs: { 'aria-labelledby': id } },
    element('div', { className: 'claim-heading' }, element('h3', { text: `${number}. ${claim.claim}`, attrs: { id } }), verdict),
    element('p', { className: 'claim-summary', text: claim.summary }),
  );
  const details = element('details', { className: 'claim-details' }, element('summary', { text: 'Method and comparisons' }), element('p', { className: 'muted', text: claim.method }));
  if (claim.evidence) details.append(reportTable(claim.evidence, tableNames.get(claim.evidence) ?? `claim-${number}-evidence`, 'evidence-table'));
  card.append(details);
  return card;
}
