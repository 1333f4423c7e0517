// The call-back list: a line's missed calls of the last 14 days, newest first, how many still wait and for how
// long, and (admin, reception) marking a call as called back or as no need, with a short note. Uses app.js's
// helpers ($, t, el, api, when, session, lineId) and i18n.js's words.
'use strict';

/** Who sees the list, and who may mark calls on it (the API says the same). */
const MISSED_READERS = ['admin', 'viewer', 'reception'];
const MISSED_MARKERS = ['admin', 'reception'];
let missedCursor = null;

function missedVisible() {
  return Boolean(session) && MISSED_READERS.includes(session.role);
}

function showMissedRole() {
  $('missed-section').hidden = !missedVisible();
}

/** "4 h 5 min", "2 d 3 h", "12 min": how long the oldest call has waited. */
function missedAge(seconds) {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('missed.age.min', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('missed.age.h', hours, minutes % 60);
  return t('missed.age.d', Math.floor(hours / 24), hours % 24);
}

async function loadMissed(fresh) {
  const q = new URLSearchParams({ limit: '50' });
  if (!fresh && missedCursor) q.set('cursor', missedCursor);
  const list = await api('GET', '/api/v1/lines/' + lineId + '/missed?' + q);
  $('missed-summary').textContent = (list.waiting
    ? t('missed.summary.waiting', list.waiting, missedAge(list.oldestWaitingSeconds), when(list.oldestWaitingSince))
    : t('missed.summary.none')) + ' ' + t('missed.summary.total', list.total, list.days);
  const items = list.calls.map(missedItem);
  if (fresh && !items.length) items.push(el('li', { class: 'muted' }, t('missed.none', list.days)));
  if (fresh) $('missed').replaceChildren(...items); else $('missed').append(...items);
  missedCursor = list.next;
  $('missed-more').hidden = !list.next;
}

/** "office: no answer, contractor: busy". */
function missedTries(tried) {
  const status = (s) => (I18N.en['missed.status.' + s] ? t('missed.status.' + s) : s);
  return tried.map((a) => t('missed.try', t('missed.target.' + a.target), status(a.status))).join(', ');
}

/** Where the call stands, in words: waiting, called back by whom and when (with the note), no need, answered later. */
function missedState(c) {
  const b = c.callBack;
  switch (c.state) {
    case 'called-back': return t('missed.state.called-back', b.by, when(b.at)) + (b.note ? ': \u201c' + b.note + '\u201d' : '');
    case 'no-need': return t('missed.state.no-need', b.by, when(b.at)) + (b.note ? ': \u201c' + b.note + '\u201d' : '');
    case 'answered-later': return t('missed.state.answered-later', when(c.answeredLaterAt));
    case 'withheld': return t('missed.state.withheld');
    default: return t('missed.state.waiting');
  }
}

function missedItem(c) {
  const id = 'missed-' + c.callId.replace(/[^A-Za-z0-9_-]/g, '-');
  const caller = c.callerNumber
    ? el('a', { href: 'tel:' + c.callerNumber, class: 'button', 'aria-label': t('missed.call', c.callerNumber) }, c.callerNumber)
    : el('span', {}, t('missed.withheld'));
  const head = el('p', { id: id + '-head', class: 'missed-head' }, el('strong', {}, when(c.startedAt)), ' ', caller,
    c.callerName ? ' ' + c.callerName : '');
  const facts = [t('missed.rang', Math.round(c.ringSeconds || 0)), missedTries(c.tried),
    c.mode ? t('mode.' + c.mode).toLowerCase() : null, c.source === 'spool' ? t('missed.late') : null].filter(Boolean);
  const state = el('p', { id: id + '-state', class: 'missed-state ' + c.state, tabindex: '-1' }, missedState(c));
  const item = el('li', { id, class: 'missed-item ' + c.state }, head, el('p', { class: 'muted' }, facts.join(' \u00b7 ')), state);
  if (MISSED_MARKERS.includes(session.role)) item.append(c.callBack ? missedUndo(c, id) : missedForm(c, id));
  return item;
}

/** A short note and the two outcomes, for a call nobody has marked yet; each control names the call it is for. */
function missedForm(c, id) {
  const note = el('input', { id: id + '-note', maxlength: '200', autocomplete: 'off', 'aria-describedby': id + '-head' });
  const form = el('form', { id: id + '-form', class: 'missed-form fields' }, el('div', { class: 'field wide' },
    el('label', { for: id + '-note' }, t('missed.note')), note));
  for (const [outcome, key] of [['called-back', 'missed.calledBack'], ['no-need', 'missed.noNeed']]) {
    const button = el('button', { type: 'button', 'data-outcome': outcome, 'aria-describedby': id + '-head' }, t(key));
    button.addEventListener('click', () => missedMark(c, id, { outcome, ...(note.value.trim() ? { note: note.value.trim() } : {}) }));
    form.append(button);
  }
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}

function missedUndo(c, id) {
  const undo = el('button', { type: 'button', id: id + '-undo', class: 'missed-undo', 'aria-describedby': id + '-head' },
    t('missed.undo'));
  undo.addEventListener('click', () => missedMark(c, id, null));
  return undo;
}

/** Marks (or with no body, clears the mark of) a call, then shows the list and the audit trail again. */
async function missedMark(c, id, body) {
  $('missed-error').textContent = '';
  const path = '/api/v1/lines/' + lineId + '/missed/' + encodeURIComponent(c.callId);
  try {
    await (body ? api('PUT', path, body) : api('DELETE', path));
    await loadMissed(true);
    if (session.role === 'admin' || session.role === 'viewer') await loadAudit();
    const state = $(id + '-state');
    if (state) state.focus();
  } catch (e) {
    $('missed-error').textContent = e.message;
  }
}

/** An audit entry of the list: the call (its number masked), the outcome and the note. */
function missedAuditDetail(e) {
  if (e.action === 'missed-listed') return '';
  const m = e.after || e.before || {};
  const outcome = m.outcome ? t('missed.outcome.' + m.outcome) : '';
  return ': ' + [when(m.startedAt), m.callerNumber || t('missed.withheld'), outcome].filter(Boolean).join(', ')
    + (m.note ? ' \u2014 \u201c' + m.note + '\u201d' : '');
}

document.addEventListener('DOMContentLoaded', () => {
  $('missed-more').addEventListener('click', () => loadMissed(false).catch((e) => { $('missed-error').textContent = e.message; }));
});
