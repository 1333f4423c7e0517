// The admin page's answers to a person: a refusal from the API in the page's language at the field it names,
// and a question in a dialog before a change that needs a yes (a night open, a range into the next day, a removal).
'use strict';

/** A refusal or failure answered by the API: its code, field and params, its message the page's words for it. */
class ApiFailure extends Error {
  constructor(status, data) {
    super(errorWords(data));
    this.status = status;
    this.code = data.code || data.error;
    this.field = data.field || null;
    this.params = data.params || {};
  }
}

/** A refusal the page makes itself before asking the service (no end chosen for an override). */
class FieldRefusal extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** The person answered no to a question: nothing was sent. */
class Declined extends Error {
  constructor() {
    super(t('confirm.declined'));
  }
}

/** The words for an API error body: err.CODE in the page's language with its params; never the service's English. */
function errorWords(data) {
  const key = 'err.' + (data.code || data.error);
  if (!(key in I18N.en)) return t('error.unknown');
  return t(key).replace(/\{([A-Za-z]+)\}/g, (m, name) => paramWords((data.params || {})[name]));
}

/** A param as a person reads it: instants in the line's time, weekdays by name, lists joined. */
function paramWords(value) {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(paramWords).join(', ');
  if (typeof value === 'object') return '';
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return text.endsWith('Z') ? local(text) : when(text);
  if (DAYS.includes(text)) return t('weekday')[DAYS.indexOf(text)];
  return text;
}

/** A length of time: "45 min", "2 h", "23 h 37 min". */
function span(minutes) {
  if (minutes < 60) return t('span.min', minutes);
  return minutes % 60 ? t('span.hm', Math.floor(minutes / 60), minutes % 60) : t('span.h', minutes / 60);
}

/** "15:00 → 10:00 next day (19 h)": a range whose end is at or before its start. */
function overnightWords(from, to, minutes) {
  return t('overnight.range', from, to, span(minutes));
}

/** The ranges of a text like "10:00-12:00, 22:00-02:00" that run into the next day, each in words. */
function overnightRanges(text) {
  const words = [];
  for (const r of ranges(text)) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(r);
    if (!m) continue;
    const start = 60 * Number(m[1]) + Number(m[2]);
    const end = 60 * Number(m[3]) + Number(m[4]);
    if (end < start && start < 1440) {
      words.push(overnightWords(m[1].padStart(2, '0') + ':' + m[2], m[3].padStart(2, '0') + ':' + m[4], 1440 - start + end));
    }
  }
  return words;
}

/** Shows under an hours field what of it runs into the next day, so it is never a surprise. */
function showOvernight(input) {
  const id = input.id + '-overnight';
  let note = $(id);
  if (!note) {
    note = el('span', { id, class: 'overnight small' });
    input.after(note);
    describedBy(input, id, true);
  }
  const words = overnightRanges(input.value);
  note.textContent = words.length ? t('overnight.note', words.join(', ')) : '';
}

/** Adds or removes an id in an element's aria-describedby. */
function describedBy(input, id, present) {
  const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
  if (present) ids.push(id);
  if (ids.length) input.setAttribute('aria-describedby', ids.join(' ')); else input.removeAttribute('aria-describedby');
}

/**
 * Where each form shows refusals: its general message, and the input for an API field path
 * ("monday[1]" is the input of Monday, "numbers[0]" the numbers field); null when no input is the field.
 */
const SCOPES = {
  override: { general: 'override-error',
    input: (f) => ({ until: $('override-end').value === 'at' ? 'override-at' : 'override-end', end: 'override-end',
      note: 'override-end' })[f] },
  hours: { general: 'hours-error', input: (f) => (DAYS.includes(f) ? 'hours-' + f : null), ranges: true },
  exception: { general: 'exception-error', ranges: true,
    input: (f) => ({ date: 'exc-from', from: 'exc-from', to: 'exc-to', hours: 'exc-hours', closed: 'exc-closed', note: 'exc-note' })[f] },
  settings: { general: 'settings-error', input: (f) => (f in SETTINGS ? 'set-' + f : null) },
  recipient: { general: 'recipient-error',
    input: (f) => ({ name: 'rcp-name', channel: 'rcp-channel', address: 'rcp-address', secret: 'rcp-secret',
      language: 'rcp-language', events: 'rcp-events', numbers: 'rcp-numbers', downMinutes: 'rcp-down' })[f] },
  calls: { general: 'calls-error', input: (f) => ({ from: 'calls-from', to: 'calls-to', route: 'calls-route', answered: 'calls-answered' })[f] },
};

/** The inputs marked invalid, each with its form's scope, to clear them before that form's next try. */
const marked = new Map();

function clearRefusal(scope) {
  $(scope.general).textContent = '';
  for (const [input, of] of [...marked]) {
    if (of !== scope && input.isConnected) continue;
    input.removeAttribute('aria-invalid');
    describedBy(input, input.id + '-error', false);
    const note = $(input.id + '-error');
    if (note) note.remove();
    marked.delete(input);
  }
}

/**
 * Shows a refusal at the field it names (marked aria-invalid, its words tied by aria-describedby, focused), or
 * as the form's general message when no input of the form is that field.
 */
function showRefusal(scope, e) {
  const path = e.field || '';
  const base = path.replace(/[[.].*$/, '');
  const id = base ? scope.input(base) : null;
  const input = id ? $(id) : null;
  if (!input || input.offsetParent === null) {
    $(scope.general).textContent = e.message;
    return;
  }
  const index = /^[a-z]+\[(\d+)\]/i.exec(path);
  const text = (scope.ranges && index ? t('field.rangeNo', Number(index[1]) + 1) : '') + e.message;
  const noteId = input.id + '-error';
  let note = $(noteId);
  if (!note) {
    note = el('span', { id: noteId, class: 'error small field-error' });
    (input.closest('.field') || input.parentElement).append(note);
  }
  note.textContent = text;
  input.setAttribute('aria-invalid', 'true');
  describedBy(input, noteId, true);
  marked.set(input, scope);
  input.focus();
}

/**
 * Asks in the page's dialog and answers true for yes. The dialog is modal (the page behind is inert), keeps
 * Tab within its buttons, Escape answers no, and focus goes back to where it was. No is focused first.
 */
function ask(title, text, yes) {
  const dialog = $('confirm-dialog');
  if (dialog.open) return Promise.resolve(false);   // a second click while a question is open asks nothing more
  const back = document.activeElement;
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-yes').textContent = yes;
  return new Promise((resolve) => {
    const answer = (value) => {
      dialog.onkeydown = null;
      dialog.oncancel = null;
      $('confirm-yes').onclick = null;
      $('confirm-no').onclick = null;
      dialog.close();
      if (back && back.isConnected && back !== document.body) back.focus();
      resolve(value);
    };
    dialog.oncancel = (event) => { event.preventDefault(); answer(false); };
    dialog.onkeydown = (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        answer(false);
      } else if (event.key === 'Tab') {
        const buttons = [$('confirm-yes'), $('confirm-no')];
        const at = buttons.indexOf(document.activeElement);
        event.preventDefault();
        buttons[(at + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length].focus();
      }
    };
    $('confirm-yes').onclick = () => answer(true);
    $('confirm-no').onclick = () => answer(false);
    dialog.showModal();
    $('confirm-no').focus();
  });
}

/** A date-time of the line as a person says it: "today 17:00", "tomorrow 15:00", or "2026-12-05 15:00". */
function dayAndTime(iso) {
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  if (date === lineDates[0]) return t('day.today', time);
  if (date === lineDates[1]) return t('day.tomorrow', time);
  return date + ' ' + time;
}

/** One sentence of what an override that keeps the office ringing will do: until when, how long, the night. */
function openSentence(effect) {
  if (!effect.end) return t('effect.open.noEnd', span(effect.openOutsideHoursMinutes));
  return t('effect.open', dayAndTime(effect.end), span(effect.minutes), effect.night ? t('effect.night') : '',
    span(effect.openOutsideHoursMinutes));
}

/** What forwarding drops: "The calls go to the contractor until tomorrow 14:00 — …; the office loses 9 h of …". */
function forwardSentence(effect) {
  if (!effect.end) return t('effect.forward.noEnd', span(effect.forwardedDuringHoursMinutes));
  return t('effect.forward', dayAndTime(effect.end), span(effect.minutes), span(effect.forwardedDuringHoursMinutes));
}

/** A field of a range into the next day as the page names it: "Monday", "That day's hours". */
function rangePlace(field) {
  const day = /^([a-z]+)\[/.exec(field || '');
  return day && DAYS.includes(day[1]) ? t('weekday')[DAYS.indexOf(day[1])] : t('exceptions.hours');
}

/** Asks about a change the service wants a yes for (409 confirmation_needed); true to send it again with confirm. */
function askAbout(failure) {
  if (failure.code === 'open_outside_hours') {
    return ask(t('confirm.open.title'), openSentence(failure.params), t('confirm.open.yes'));
  }
  if (failure.code === 'range_reversed') {
    const list = failure.params.ranges && failure.params.ranges.length ? failure.params.ranges : [failure.params];
    const words = list.map((r) => rangePlace(r.field) + ' ' + overnightWords(r.from, r.to, r.minutes));
    return ask(t('confirm.overnight.title'), t('confirm.overnight.text', words.join('; ')), t('confirm.overnight.yes'));
  }
  return ask(t('confirm.title'), failure.message, t('confirm.yes'));
}

/** Asks before something is removed, naming it; true to go ahead. */
function askRemoval(what) {
  return ask(t('remove.title'), t('remove.text', what), t('remove.yes'));
}
