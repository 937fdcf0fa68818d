import type { Finding } from '../../api/definitions';
import type { Translate } from '../i18n/translate';
import { severityOf } from './Findings';

/** Renders findings as a list; an element id becomes a button that calls `onReveal`. */
export function findingsList(
  findings: readonly Finding[],
  translate: Translate,
  onReveal: (elementId: string) => void,
): HTMLUListElement {
  const list = document.createElement('ul');
  list.className = 'mediation-findings';
  for (const finding of findings) {
    const severity = severityOf(finding);
    const item = document.createElement('li');
    item.className = severity;
    item.dataset.code = finding.code;
    const where = finding.line != null
      ? ` (${translate('line {line}, column {column}', { line: String(finding.line), column: String(finding.column ?? 0) })})`
      : '';
    item.append(`${translate(severity)} ${finding.code}: ${finding.message}${where}`);
    if (finding.elementId) {
      const elementId = finding.elementId;
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'element-link';
      link.textContent = elementId;
      link.addEventListener('click', () => onReveal(elementId));
      item.append(' [', link, ']');
    }
    list.append(item);
  }
  return list;
}
