// The line picker, for a switchboard of hundreds of lines: a search field narrows the line select to the lines
// whose name, id or number holds what is typed (case and accents ignored: "trygg", "amal" for "Åmål", "0541").
// Enter in the field shows the first line found; the arrow down key moves to the select. Uses app.js's helpers
// ($, t, el, api, session, lineId, refresh).
'use strict';

/** Every line the page may show: id, name, its words for the search and (for admins and viewers) its numbers. */
let pickerLines = [];

/** Lower case without accents, so that "åmål" and "AMAL" are the same words. */
function folded(text) {
  return String(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The lines of the status, with their numbers when the reader may see them ({@code GET /api/v1/lines}). */
async function loadLinePicker(status) {
  const numbers = new Map();
  if (session.role === 'admin' || session.role === 'viewer') {
    for (const l of await api('GET', '/api/v1/lines')) numbers.set(l.id, l.numbers);
  }
  pickerLines = status.lines.map((l) => ({ id: l.line, name: l.name, words: folded(l.name + ' ' + l.line),
    numbers: numbers.get(l.line) || [] }));
  showLineChoices();
}

/** Whether the line's name or id holds the (folded) query, or, for digits, one of its numbers does. */
function lineMatches(line, query) {
  if (line.words.includes(query)) return true;
  const digits = query.replace(/[\s-]/g, '');
  return /^\+?\d+$/.test(digits) && line.numbers.some((n) => n.includes(digits));
}

function matchingLines() {
  const query = folded($('line-search').value.trim());
  return query ? pickerLines.filter((l) => lineMatches(l, query)) : pickerLines;
}

/**
 * The select holds the lines that match. The line shown stays selected while it matches; when it does not, a first
 * option that cannot be chosen says how many do, so the select never seems to show a line the page does not.
 */
function showLineChoices() {
  const found = matchingLines();
  const shown = found.some((l) => l.id === lineId);
  const options = found.map((l) => el('option', { value: l.id }, l.name));
  if (!shown) {
    options.unshift(el('option', { value: '', disabled: '' }, found.length ? t('line.choose', found.length) : t('line.none')));
  }
  $('line').replaceChildren(...options);
  $('line').value = shown ? lineId : '';
  $('line-search-field').hidden = pickerLines.length < 2;   // one line: nothing to search
  $('line-count').textContent = pickerLines.length < 2 ? '' : found.length === pickerLines.length
    ? t('line.all', pickerLines.length) : t('line.found', found.length, pickerLines.length);
}

async function showLine(id) {
  lineId = id;
  showLineChoices();
  await refresh();
}

document.addEventListener('DOMContentLoaded', () => {
  $('line-search').addEventListener('input', () => showLineChoices());
  $('line-search').addEventListener('keydown', async (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      $('line').focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const found = matchingLines();
      if (found.length && found[0].id !== lineId) await showLine(found[0].id);
    }
  });
  $('lang').addEventListener('change', () => { if (pickerLines.length) showLineChoices(); });
  $('line').addEventListener('change', async () => { if ($('line').value) await showLine($('line').value); });
});
