// The intake form's party rows, added and removed in place. Without this script the same buttons post the form and
// the server redraws it with one row more or less; with it they work without a round trip. Rows are numbered from 0
// without gaps, as ASP.NET Core binds lists (Form.Parties[0], [1]...) and the API reports problems (parties[1].idNumber).

const placeholder = '__row__';
const attributes = ['name', 'id', 'for', 'formaction', 'aria-describedby', 'data-error-for', 'data-party-row'];
const rowNumber = /(Parties\[|parties\[|party-|row=)(\d+|__row__)/g;

const form = document.getElementById('intake-form');
const parties = document.getElementById('parties');
const template = document.getElementById('party-template');

function renumber(list: HTMLElement): void {
  list.querySelectorAll(':scope > fieldset.party').forEach((row, index) => {
    for (const element of [row, ...row.querySelectorAll('*')]) {
      for (const name of attributes) {
        const value = element.getAttribute(name);
        if (value !== null) element.setAttribute(name, value.replace(rowNumber, `$1${index}`));
      }
    }
    row.setAttribute('data-party-row', String(index));
    const number = row.querySelector('.party-number');
    if (number) number.textContent = String(index + 1);
  });
}

function addRow(list: HTMLElement, rowTemplate: HTMLTemplateElement): void {
  const first = rowTemplate.content.firstElementChild;
  if (!first) return;
  const row = first.cloneNode(true) as HTMLElement;
  list.append(row);
  renumber(list);
  row.querySelector<HTMLElement>('select, input')?.focus();
}

if (form && parties && template instanceof HTMLTemplateElement && template.innerHTML.includes(placeholder)) {
  form.addEventListener('click', event => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button) return;
    if (button.id === 'add-party') {
      event.preventDefault();
      addRow(parties, template);
    } else if (button.classList.contains('remove-party')) {
      event.preventDefault();
      button.closest('fieldset.party')?.remove();
      renumber(parties);
    }
  });
  form.setAttribute('data-enhanced', 'true');
}
