// Afterhours admin page: plain JavaScript against /api/v1. Times are the line's (the server sends them with
// the line's offset; instants in UTC are converted to the line's zone), dates yyyy-mm-dd, clocks 24-hour.
'use strict';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** The manual setting the status shows, for the question before ending it. */
let shownOverride = null;
let session = null;
let lineId = null;
let lineZone = 'Europe/Stockholm';
let callsCursor = null;
let lang = 'en';
/** Today and tomorrow in the line's zone by the service's clock (the two-week strip's first days). */
let lineDates = [];

const $ = (id) => document.getElementById(id);

/** The text for a key in the chosen language, with {0}, {1} … filled in. */
function t(key, ...args) {
  const text = (I18N[lang] && I18N[lang][key]) ?? I18N.en[key] ?? key;
  return typeof text === 'string' ? text.replace(/\{(\d)\}/g, (m, i) => args[Number(i)] ?? '') : text;
}

function chooseLanguage() {
  const saved = localStorage.getItem('afterhours.lang');
  if (saved && I18N[saved]) return saved;
  const wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  for (const l of wanted) {
    const base = String(l).toLowerCase().slice(0, 2);
    if (I18N[base]) return base;
  }
  return 'en';
}

/**
 * Puts the chosen language's words into every element marked with data-t (its text), data-t-aria (its label) or
 * data-t-placeholder (its example).
 */
function translatePage() {
  document.documentElement.lang = lang;
  $('lang').value = lang;
  document.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
  document.querySelectorAll('[data-t-aria]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.tAria)); });
  document.querySelectorAll('[data-t-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.tPlaceholder); });
  $('override-at').placeholder = '2026-12-24 16:00';
  showSections();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
}

/** "2026-11-25T15:00:00+01:00" -> "2026-11-25 15:00": the server already gives the line's local time. */
function when(iso) {
  return iso ? iso.slice(0, 10) + ' ' + iso.slice(11, 16) : '-';
}

/** An instant in UTC ("2026-11-25T14:00:00Z") as the line's local date and time. */
function local(instant) {
  if (!instant) return '-';
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: lineZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
  return parts.replace(',', '');
}

async function api(method, path, body) {
  const headers = { 'X-Requested-With': 'afterhours' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrf;
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) { showLogin(); throw new Error(t('error.relogin')); }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({ error: response.status >= 500 ? 'internal' : 'bad_request' }));
  if (!response.ok) {
    const failure = new ApiFailure(response.status, data);
    if (response.status === 409 && data.error === 'confirmation_needed' && body && !body.confirm) {
      // the change has an effect to agree to first (a night open, a range into the next day): asked, then sent again
      if (!await askAbout(failure)) throw new Declined();
      return api(method, path, Object.assign({}, body, { confirm: true }));
    }
    throw failure;
  }
  return data;
}

function showLogin() {
  session = null;
  $('app').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  $('login-name').focus();
}

function setupCode() {
  const m = location.hash.match(/^#setup=([A-Za-z0-9_-]+)$/);
  return m ? m[1] : null;
}

async function start() {
  if (setupCode()) {
    $('login').hidden = true;
    $('setup').hidden = false;
    $('setup-name').focus();
    return;
  }
  const who = await (await fetch('/session', { credentials: 'same-origin' })).json();
  if (!who.loggedIn) {
    showLogin();
    return;
  }
  session = who;
  $('login').hidden = true;
  $('who').hidden = false;
  $('app').hidden = false;
  showRole();
  const status = await api('GET', '/api/v1/status');
  lineId = lineId || status.lines[0].line;
  await loadLinePicker(status);
  await refresh();
  // the login form is gone: the focus starts at the status, not lost on the page
  if (!document.activeElement || document.activeElement === document.body || document.activeElement.offsetParent === null) {
    $('status-title').setAttribute('tabindex', '-1');
    $('status-title').focus();
  }
}

/**
 * Each role sees only what it may do: the viewer reads everything, the contractor sees status and switches,
 * the reception sees status, switches and the call-back list.
 */
function showRole() {
  const admin = session.role === 'admin';
  const staff = session.role === 'admin' || session.role === 'viewer';
  $('who-name').textContent = session.name + ' (' + t('role.' + session.role) + ')';
  document.querySelectorAll('.admin-only').forEach((e) => { e.hidden = !admin; });
  document.querySelectorAll('.staff-only').forEach((e) => { e.hidden = !staff; });
  $('override-controls').hidden = !admin;
  $('pbx-section').hidden = !staff;
  for (const key of Object.keys(SETTINGS)) $('set-' + key).readOnly = !admin;
  showMissedRole();
  showSections();
}

/** The section navigation: a link to each section this role sees, in the page's order. */
function showSections() {
  const nav = $('sections');
  if (!nav) return;
  const shown = [...document.querySelectorAll('#app section[aria-labelledby]')].filter((s) => !s.hidden);
  nav.querySelector('ul').replaceChildren(...shown.map((s) => {
    const heading = $(s.getAttribute('aria-labelledby'));
    const link = el('a', { href: '#' + heading.id }, heading.textContent);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      heading.setAttribute('tabindex', '-1');
      heading.scrollIntoView();
      heading.focus();
    });
    return el('li', {}, link);
  }));
}

async function refresh() {
  $('calendar-link').href = '/api/v1/lines/' + lineId + '/calendar.ics';
  await Promise.all([loadStatus(), loadDays(), loadPreview(), ...(missedVisible() ? [loadMissed(true)] : [])]);
  if (session.role === 'admin' || session.role === 'viewer') {
    await Promise.all([loadHours(), loadExceptions(), loadHolidays(), loadSettings(), loadCalls(true), loadStats(),
      loadRecipients(), loadDeliveries(), loadSwitches(), loadAudit(), ...(usersVisible() ? [loadUsers()] : [])]);
  }
}

/** The facts of a holiday or an exception from the server's structured "why", in words; '' when there are none. */
function detailWords(why) {
  if (!why) return '';
  const hours = (why.hours || []).join(', ');
  if (why.kind === 'exception_closed') return why.note || t('exception.closed');
  if (why.kind === 'exception_hours') return why.note ? why.note + ' (' + hours + ')' : t('exception.special', hours);
  if (why.kind === 'holiday') return why.holiday || '';
  return '';
}

/** Why a line is in its mode: "public holiday (Juldagen)", "enligt öppettider". */
function whyWords(reason, why, setBy) {
  if (reason === 'OVERRIDE') return setBy ? t('reason.OVERRIDE', setBy) : t('reason.OVERRIDE.anyone');
  return t('reason.' + reason, detailWords(why));
}

/** "Forwarded: public holiday (Juldagen)", "Öppet enligt öppettider". */
function stateWords(mode, reason, why, setBy) {
  return t('mode.' + mode) + (reason === 'REGULAR_HOURS' ? ' ' : ': ') + whyWords(reason, why, setBy);
}

async function loadStatus() {
  const status = await api('GET', '/api/v1/status?' + new URLSearchParams({ line: lineId }));
  const s = status.lines[0];
  lineZone = s.zone;
  const o = s.override;
  $('mode').className = 'badge ' + s.mode;
  $('mode').textContent = t('mode.' + s.mode);
  $('reason').textContent = stateWords(s.mode, s.reason, s.why, o && o.setBy) + ' \u2014 ' + t('mode.' + s.mode + '.what');
  $('next-change').textContent = s.nextChange ? t('until', when(s.nextChange), t('mode.' + s.nextMode).toLowerCase()) : t('until.none');
  $('override-info').textContent = !o ? '' : (o.until
    ? t('override.info', o.setBy || '?', when(o.since), o.note ? ' (' + o.note + ')' : '', when(o.until))
    : t('override.forever', o.setBy || '?', when(o.since), o.note ? ' (' + o.note + ')' : ''));
  $('clear-override').hidden = !o || session.role !== 'admin';
  shownOverride = o;
  if (status.pbx) showPbx(status.pbx);
}

function showPbx(pbx) {
  const lines = [t('pbx.ami.' + pbx.ami), t(pbx.fastAgi === 'not started' ? 'pbx.fastAgi.down' : 'pbx.fastAgi.ok')];
  if (pbx.missing && pbx.missing.length) lines.push(t('pbx.missing', pbx.missing.join('; ')));
  if (pbx.lastPush) lines.push(t('pbx.lastPush', local(pbx.lastPush)));
  $('pbx').replaceChildren(...lines.map((text, i) => el('li', { class: i === 0 && pbx.ami === 'disconnected' ? 'error' : null }, text)));
}

async function loadDays() {
  const days = await api('GET', '/api/v1/lines/' + lineId + '/days?days=14');
  const today = days.length ? days[0].date : '';
  lineDates = days.slice(0, 2).map((d) => d.date);
  const scale = el('li', { class: 'scale', 'aria-hidden': 'true' }, el('span'),
    el('span', { class: 'hours' }, ...['00', '06', '12', '18', '24'].map((h) => el('span', {}, h))));
  $('days').replaceChildren(scale, ...days.map((d) => {
    const name = t('weekdayShort')[DAYS.indexOf(d.weekday)];
    const bar = el('div', { class: 'bar', role: 'img', 'aria-label': d.bands.map((b) => t('days.band', b.from, b.to, t('mode.' + b.mode))).join(', ') });
    for (const b of d.bands) {
      const part = el('span', { class: b.mode, title: t('days.band', b.from, b.to, stateWords(b.mode, b.reason, b.why, d.override)) });
      part.style.width = (100 * (b.endMinute - b.startMinute) / d.minutes) + '%';
      bar.append(part);
    }
    const marks = [];
    if (d.holiday) marks.push(t('days.holiday', d.holiday));
    if (d.exception !== null) marks.push(t('days.exception', d.exception || t('exception.closed')));
    if (d.override !== null) marks.push(t('days.override', d.override || '?'));
    const opens = d.bands.filter((b) => b.mode === 'OPEN').map((b) => b.from + '\u2013' + b.to);
    const item = el('li', { class: d.date === today ? 'today' : null },
      el('span', { class: 'date' }, name + ' ' + d.date), bar,
      el('span', { class: 'marks' }, [opens.length ? t('mode.OPEN') + ' ' + opens.join(', ') : t('mode.FORWARDED'), ...marks].join(' \u00b7 ')));
    return item;
  }));
}

async function loadPreview() {
  const next = await api('GET', '/api/v1/lines/' + lineId + '/preview?count=8');
  $('preview').replaceChildren(...next.map((s) => el('li', {}, t('preview.item', when(s.at), t('mode.' + s.mode),
    whyWords(s.reason, s.why)))));
}

async function loadHours() {
  const hours = await api('GET', '/api/v1/lines/' + lineId + '/hours');
  $('hours-error').textContent = '';
  const admin = session.role === 'admin';
  $('hours').replaceChildren(...DAYS.map((d, i) => el('div', { class: 'day' },
    el('label', { for: 'hours-' + d }, t('weekday')[i]),
    Object.assign(el('input', { id: 'hours-' + d, name: d, autocomplete: 'off', 'aria-describedby': 'hours-help' }),
      { value: hours[d].join(', '), readOnly: !admin }))));
  for (const d of DAYS) {
    const input = $('hours-' + d);
    showOvernight(input);
    input.addEventListener('input', () => showOvernight(input));
  }
}

async function loadExceptions() {
  const list = await api('GET', '/api/v1/lines/' + lineId + '/exceptions');
  if (!list.length) {
    $('exceptions').replaceChildren(el('li', { class: 'muted' }, t('exceptions.none')));
    return;
  }
  $('exceptions').replaceChildren(...list.map((x) => {
    const text = (x.from === x.to ? x.from : x.from + ' \u2013 ' + x.to) + ': '
      + (x.closed ? t('exception.closed') : x.hours.map(hoursWords).join(', ')) + (x.note ? ' \u2014 ' + x.note : '');
    const item = el('li', {}, text + ' ');
    if (session.role === 'admin') {
      const remove = el('button', { type: 'button', 'aria-label': t('exceptions.removeLabel', text) }, t('exceptions.remove'));
      remove.addEventListener('click', () => removeThen(t('exceptions.what', text),
        () => api('DELETE', '/api/v1/lines/' + lineId + '/exceptions/' + x.id), SCOPES.exception, 'exceptions-title',
        'exceptions-ok'));
      item.append(remove);
    }
    return item;
  }));
}

/** A range as the lists show it: "10:00-12:00", or "22:00 → 02:00 next day (4 h)". */
function hoursWords(range) {
  const words = overnightRanges(range);
  return words.length ? words[0] : range;
}

async function loadHolidays() {
  const days = await api('GET', '/api/v1/lines/' + lineId + '/holidays');
  $('holidays').replaceChildren(...days.map((h) => el('li', {}, h.date + '  ' + h.name)));
}

/** The settings form's fields and how each is shown and sent. */
const SETTINGS = {
  name: { show: (v) => v, read: (text) => text },
  numbers: { show: (v) => v.join(', '), read: (text) => ranges(text) },
  office: { show: (v) => v, read: (text) => text },
  contractor: { show: (v) => v, read: (text) => text },
  failsafe: { show: (v) => v || '', read: (text) => text },
  ringSeconds: { show: (v) => String(v), read: (text) => text },
  callerIdPrefix: { show: (v) => v || '', read: (text) => text },
  missedAfterSeconds: { show: (v) => String(v), read: (text) => text },
};
let shownSettings = {};

async function loadSettings() {
  const l = await api('GET', '/api/v1/lines/' + lineId);
  shownSettings = {};
  for (const [key, f] of Object.entries(SETTINGS)) {
    shownSettings[key] = f.show(l[key]);
    $('set-' + key).value = shownSettings[key];
  }
}

/** Only what the admin changed is sent, so an untouched field is never re-validated or audited. */
function changedSettings() {
  const body = {};
  for (const [key, f] of Object.entries(SETTINGS)) {
    const text = $('set-' + key).value.trim();
    if (text !== shownSettings[key]) body[key] = f.read(text);
  }
  return body;
}

function callQuery() {
  const q = new URLSearchParams();
  for (const [key, id] of [['from', 'calls-from'], ['to', 'calls-to'], ['route', 'calls-route'], ['answered', 'calls-answered']]) {
    if ($(id).value.trim()) q.set(key, $(id).value.trim());
  }
  return q;
}

/** A table row whose cells carry their column's name, for the card layout on a phone. */
function row(labels, values) {
  return el('tr', {}, ...values.map((v, i) => el('td', { 'data-label': t(labels[i]) }, v)));
}

async function loadCalls(fresh) {
  const q = callQuery();
  q.set('limit', '25');
  if (!fresh && callsCursor) q.set('cursor', callsCursor);
  const page = await api('GET', '/api/v1/lines/' + lineId + '/calls?' + q);
  const labels = ['calls.start', 'calls.caller', 'calls.mode', 'calls.route', 'calls.answeredBy', 'calls.ring', 'calls.talk'];
  const rows = page.calls.map((c) => row(labels, [when(c.startedAt), c.callerNumber || t('calls.withheld'),
    c.mode ? t('mode.' + c.mode) : '', c.route ? t('route.' + c.route) : '', c.answeredBy || '',
    c.ringSeconds == null ? '' : c.ringSeconds.toFixed(0), c.talkSeconds == null ? '' : c.talkSeconds.toFixed(0)]));
  if (fresh && !rows.length) rows.push(el('tr', {}, el('td', { colspan: '7', class: 'muted' }, t('calls.none'))));
  if (fresh) $('calls').replaceChildren(...rows); else $('calls').append(...rows);
  callsCursor = page.next;
  $('calls-more').hidden = !page.next;
  $('calls-csv').href = '/api/v1/lines/' + lineId + '/calls.csv?' + callQuery();
}

async function loadStats() {
  const q = callQuery();
  const s = await api('GET', '/api/v1/lines/' + lineId + '/stats?' + q);
  $('stats-period').textContent = q.get('from') || q.get('to')
    ? t('stats.period', q.get('from') || '\u2026', q.get('to') || '\u2026') : t('stats.periodAll');
  chart($('chart-hours'), 'chart-hours-title', s.byHour.map((c, h) => [String(h).padStart(2, '0'), c]));
  chart($('chart-weekdays'), 'chart-weekdays-title', DAYS.map((d, i) => [t('weekdayShort')[i], s.byWeekday[d.toUpperCase()]]));
  $('stats-summary').textContent = t('stats.summary', s.total, s.answered, s.total ? Math.round(100 * s.answered / s.total) : 0,
    Math.round(100 * s.shareForwarded)) + (s.medianRingSeconds == null ? '' : t('stats.medianRing', s.medianRingSeconds.toFixed(1)));
}

/** Stacked bars (open, forwarded), one row per bucket, with its count and a scale from 0 to the largest. */
function chart(target, titleId, buckets) {
  const max = Math.max(1, ...buckets.map(([, c]) => c.total));
  const rows = [];
  for (const [label, c] of buckets) {
    const track = el('div', { class: 'track', role: 'img', 'aria-label': t('stats.bar', label, c.open, c.forwarded) });
    for (const kind of ['OPEN', 'FORWARDED']) {
      const part = el('span', { class: kind });
      part.style.width = (100 * c[kind === 'OPEN' ? 'open' : 'forwarded'] / max) + '%';
      track.append(part);
    }
    rows.push(el('span', { class: 'label', 'aria-hidden': 'true' }, label), track, el('span', { class: 'count' }, String(c.total)));
  }
  const half = max / 2;
  rows.push(el('span', { class: 'axis', 'aria-hidden': 'true' }, el('span', {}, '0'),
    el('span', {}, Number.isInteger(half) ? String(half) : ''), el('span', {}, String(max))));
  target.setAttribute('role', 'group');
  target.setAttribute('aria-labelledby', titleId);
  target.replaceChildren(...rows);
}

async function loadRecipients() {
  const list = await api('GET', '/api/v1/lines/' + lineId + '/recipients');
  if (!list.length) {
    $('recipients').replaceChildren(el('li', { class: 'muted' }, t('notify.none')));
    return;
  }
  $('recipients').replaceChildren(...list.map((r) => {
    const text = t('notify.recipient', r.name, t(r.channel === 'email' ? 'notify.email' : 'notify.webhook'), r.address, r.language,
      r.events.map((e) => t('notify.event.' + e)).join(', ') + (r.events.includes('missed') ? t('notify.numbersAre.' + r.numbers) : ''),
      (r.secret ? t('notify.secretSet') : '') + (r.downMinutes ? t('notify.downAfter', r.downMinutes) : ''));
    const item = el('li', {}, text + ' ');
    if (session.role === 'admin') {
      const test = el('button', { type: 'button', 'aria-label': t('notify.testLabel', r.name) }, t('notify.test'));
      test.addEventListener('click', () => act(async () => {
        await api('POST', '/api/v1/lines/' + lineId + '/recipients/' + r.id + '/test');
        $('recipient-error').textContent = '';
      }, SCOPES.recipient));
      const remove = el('button', { type: 'button', 'aria-label': t('notify.removeLabel', r.name) }, t('notify.remove'));
      remove.addEventListener('click', () => removeThen(t('notify.what', r.name, r.address),
        () => api('DELETE', '/api/v1/lines/' + lineId + '/recipients/' + r.id), SCOPES.recipient, 'notify-title',
        'recipients-ok'));
      item.append(test, ' ', remove);
    }
    return item;
  }));
}

let deliveryWatch = null;
let deliveryLooks = 0;

async function loadDeliveries() {
  const list = await api('GET', '/api/v1/lines/' + lineId + '/deliveries?limit=20');
  // while a message is on its way, look again shortly (every 2 s, at most 30 times in a row)
  const waiting = list.some((d) => d.status === 'pending' || d.status === 'retrying');
  clearTimeout(deliveryWatch);
  deliveryLooks = waiting ? deliveryLooks + 1 : 0;
  if (waiting && deliveryLooks <= 30) {
    deliveryWatch = setTimeout(() => loadDeliveries().catch(() => {}), 2000);
  }
  const labels = ['notify.when', 'notify.to', 'notify.message', 'notify.status', 'notify.error'];
  $('deliveries').replaceChildren(...(list.length ? list.map((d) => row(labels, [when(d.createdAt), '#' + d.recipient, d.subject,
    t('notify.status.' + d.status, d.attempts), d.lastError || ''])) : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, t('notify.logNone')))]));
}

async function loadSwitches() {
  const list = await api('GET', '/api/v1/lines/' + lineId + '/switches?limit=20');
  const labels = ['switches.when', 'switches.change', 'switches.why', 'switches.trigger'];
  $('switches').replaceChildren(...(list.length ? list.map((s) => row(labels, [when(s.effectiveAt),
    (s.from ? t('mode.' + s.from) : t('switches.start')) + ' \u2192 ' + t('mode.' + s.to), whyWords(s.reason, s.why),
    t('trigger.' + s.trigger)])) : [el('tr', {}, el('td', { colspan: '4', class: 'muted' }, t('switches.none')))]));
}

async function loadAudit() {
  const list = await api('GET', '/api/v1/audit?limit=30&kind=' + $('audit-kind').value);
  const labels = ['audit.when', 'audit.who', 'audit.what', 'audit.line'];
  $('audit').replaceChildren(...(list.length ? list.map((e) => row(labels, [local(e.at), e.actor, t('action.' + e.action)
    + auditDetail(e), e.line || ''])) : [el('tr', {}, el('td', { colspan: '4', class: 'muted' }, t('audit.none')))]));
}

/** The part of an audit entry worth a glance: the range read, the override set, the exception added. */
function auditDetail(e) {
  const a = e.after || {};
  if (e.action.startsWith('calls-')) return ': ' + (a.from || a.to ? (a.from ? when(a.from) : '\u2026') + ' \u2013 ' + (a.to ? when(a.to) : '\u2026') : t('audit.allCalls'));
  if (e.action === 'override-set' && a.mode) return ': ' + t('mode.' + a.mode);
  if (e.action.startsWith('missed-')) return missedAuditDetail(e);
  if (e.action.startsWith('user-') || e.action.startsWith('token-')) return usersAuditDetail(e);
  if (e.action.startsWith('exception-')) {
    const x = e.after || e.before || {};
    return x.from ? ': ' + x.from + (x.to && x.to !== x.from ? ' \u2013 ' + x.to : '') : '';
  }
  return '';
}

/**
 * Runs a change, shows a refusal at its field (or as the form's message), and reloads what it affects. After
 * it, focus goes to {@code focusId} when given, and never stays on an element the reload took away.
 */
async function act(change, scope, focusId) {
  const s = typeof scope === 'string' ? { general: scope, input: () => null } : scope;
  const before = document.activeElement;
  clearRefusal(s);
  try {
    await change();
    await refresh();
    const target = focusId ? $(focusId) : null;
    if (target) {
      if (!target.matches('button, input, select, a[href]')) target.setAttribute('tabindex', '-1');
      target.focus();
    } else if (!before || !before.isConnected || before.offsetParent === null) {
      $(s.general).closest('section').querySelector('h2').setAttribute('tabindex', '-1');
      $(s.general).closest('section').querySelector('h2').focus();
    }
    return true;
  } catch (e) {
    showRefusal(s, e);
    return false;
  }
}

/** Asks before removing what {@code what} names; removed, says so and puts focus on the section's heading. */
async function removeThen(what, remove, scope, headingId, okId) {
  if (!await askRemoval(what)) return;
  if (await act(remove, scope, headingId)) $(okId).textContent = t('remove.done', what);
}

/** When an override set now ends, from the chosen preset: a duration, end-of-day, next-change or a date and time. */
function overrideUntil() {
  const end = $('override-end').value;
  if (!end) throw new FieldRefusal('end', t('override.end.missing'));
  if (end !== 'at') return end;
  const at = $('override-at').value.trim();
  if (!at) throw new FieldRefusal('until', t('err.required'));
  return at;
}

/**
 * Sets the line OPEN or FORWARDED until the chosen end. The service's effect is asked first: one that keeps the
 * office ringing outside its hours for over an hour, or forwards calls during its opening hours, is said in one
 * sentence and needs a yes.
 */
function setOverride(mode) {
  return act(async () => {
    const until = overrideUntil();
    const path = '/api/v1/lines/' + lineId + '/override';
    const effect = await api('GET', path + '/effect?' + new URLSearchParams({ mode, until }));
    const body = { mode, until };
    if (effect.confirmationNeeded) {
      if (!await ask(t('confirm.open.title'), openSentence(effect), t('confirm.open.yes'))) throw new Declined();
      body.confirm = true;
    } else if (mode === 'FORWARDED' && effect.forwardedDuringHoursMinutes > 0) {
      // the service needs no yes to forward, but opening hours the office loses are said and asked about first
      if (!await ask(t('confirm.forward.title'), forwardSentence(effect), t('confirm.forward.yes'))) throw new Declined();
    }
    await api('PUT', path, body);
  }, SCOPES.override, 'status');
}

/** The recipient form's events as the API takes them: the changes chosen, and missed calls when ticked. */
function recipientEvents() {
  const events = $('rcp-events').value === 'none' ? [] : [$('rcp-events').value];
  if ($('rcp-missed').checked) events.push('missed');
  return events;
}

function ranges(text) {
  return text.split(',').map((r) => r.trim()).filter((r) => r.length);
}

async function postForm(path, body, errorId) {
  $(errorId).textContent = '';
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
    body: JSON.stringify(body) });
  if (!response.ok) {
    $(errorId).textContent = errorWords(await response.json().catch(() => ({ error: 'bad_request' })));
    return false;
  }
  return true;
}

document.addEventListener('DOMContentLoaded', () => {
  lang = chooseLanguage();
  translatePage();
  $('lang').addEventListener('change', async () => {
    lang = $('lang').value;
    localStorage.setItem('afterhours.lang', lang);
    translatePage();
    if (session) { showRole(); await refresh(); }
  });
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await postForm('/login', { name: $('login-name').value, password: $('login-password').value }, 'login-error')) {
      $('login-password').value = '';
      await start();
    }
  });
  $('setup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await postForm('/setup', { code: setupCode(), name: $('setup-name').value, password: $('setup-password').value }, 'setup-error')) {
      $('setup-password').value = '';
      history.replaceState(null, '', '/');   // the code is used up: keep it out of the address bar
      $('setup').hidden = true;
      await start();
    }
  });
  $('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin' });
    showLogin();
  });
  $('hours-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('hours-ok').textContent = '';
    const week = {};
    for (const d of DAYS) week[d] = ranges($('hours-' + d).value);
    if (await act(() => api('PUT', '/api/v1/lines/' + lineId + '/hours', week), SCOPES.hours)) {
      $('hours-ok').textContent = t('hours.saved');
    }
  });
  $('settings-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('settings-ok').textContent = '';
    if (await act(() => api('PATCH', '/api/v1/lines/' + lineId, changedSettings()), SCOPES.settings)) {
      $('settings-ok').textContent = t('settings.saved');
      await loadLinePicker(await api('GET', '/api/v1/status'));   // a new name or number is found at once
    }
  });
  $('exception-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const from = $('exc-from').value.trim();
    const body = { from, to: $('exc-to').value.trim() || from };
    if ($('exc-closed').checked) body.closed = true; else body.hours = ranges($('exc-hours').value);
    if ($('exc-note').value.trim()) body.note = $('exc-note').value.trim();
    if (await act(() => api('POST', '/api/v1/lines/' + lineId + '/exceptions', body), SCOPES.exception, 'exc-from')) {
      $('exception-form').reset();
      $('exc-hours').disabled = true;
      showOvernight($('exc-hours'));
    }
  });
  $('forward-now').addEventListener('click', () => setOverride('FORWARDED'));
  $('open-now').addEventListener('click', () => setOverride('OPEN'));
  $('override-end').addEventListener('change', () => {
    $('override-at-field').hidden = $('override-end').value !== 'at';
    if (!$('override-at-field').hidden) $('override-at').focus();
  });
  $('clear-override').addEventListener('click', async () => {
    const o = shownOverride;
    const text = o && o.until ? t('override.clear.text', when(o.until)) : t('override.clear.textNoEnd');
    if (!await ask(t('override.clear.title'), text, t('override.clear'))) return;
    await act(() => api('DELETE', '/api/v1/lines/' + lineId + '/override'), SCOPES.override, 'status');
  });
  $('calls-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('calls-error').textContent = '';
    clearRefusal(SCOPES.calls);
    try {
      await Promise.all([loadCalls(true), loadStats()]);
    } catch (e) {
      showRefusal(SCOPES.calls, e);
    }
  });
  $('calls-more').addEventListener('click', () => loadCalls(false));
  $('audit-kind').addEventListener('change', () => loadAudit());
  $('rcp-channel').addEventListener('change', () => { $('rcp-secret').disabled = $('rcp-channel').value !== 'webhook'; });
  $('recipient-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: $('rcp-name').value.trim(), channel: $('rcp-channel').value, address: $('rcp-address').value.trim(),
      language: $('rcp-language').value, events: recipientEvents(), numbers: $('rcp-numbers').value,
      downMinutes: $('rcp-down').value.trim() };   // empty: the service's default (10)
    if (body.channel === 'webhook') body.secret = $('rcp-secret').value;
    if (await act(() => api('POST', '/api/v1/lines/' + lineId + '/recipients', body), SCOPES.recipient, 'rcp-name')) {
      $('recipient-form').reset();
      $('rcp-secret').disabled = true;
    }
  });
  $('exc-closed').addEventListener('change', () => { $('exc-hours').disabled = $('exc-closed').checked; });
  $('exc-hours').addEventListener('input', () => showOvernight($('exc-hours')));
  $('exc-hours').disabled = true;
  start();
});
