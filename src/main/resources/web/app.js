// Afterhours admin page: plain JavaScript against /api/v1, times shown as the server gives them (the line's zone).
'use strict';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
let session = null;
let lineId = null;
let callsCursor = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
}

/** "2026-11-25T15:00:00+01:00" -> "2026-11-25 15:00" (already in the line's zone, 24-hour). */
function when(iso) {
  return iso ? iso.slice(0, 10) + ' ' + iso.slice(11, 16) : '-';
}

async function api(method, path, body) {
  const headers = { 'X-Requested-With': 'afterhours' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrf;
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) { showLogin(); throw new Error('Please log in again'); }
  if (response.status === 204) return null;
  const data = await response.json();
  if (!response.ok) {
    throw new Error((data.field ? data.field + ': ' : '') + (data.message || response.statusText));
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
  try {
    session = await api('GET', '/api/v1/session');
  } catch (e) {
    showLogin();
    return;
  }
  $('login').hidden = true;
  $('who').hidden = false;
  $('who-name').textContent = session.name + ' (' + session.role + ')';
  $('app').hidden = false;
  document.querySelectorAll('.admin-only').forEach((e) => { e.hidden = session.role !== 'admin'; });
  document.querySelectorAll('.staff-only').forEach((e) => { e.hidden = session.role === 'contractor'; });
  const status = await api('GET', '/api/v1/status');
  const select = $('line');
  select.replaceChildren(...status.lines.map((l) => el('option', { value: l.line }, l.name)));
  lineId = lineId || status.lines[0].line;
  select.value = lineId;
  await refresh();
}

async function refresh() {
  await Promise.all([loadStatus(), loadPreview()]);
  if (session.role !== 'contractor') {
    await Promise.all([loadHours(), loadExceptions(), loadHolidays(), loadCalls(true), loadStats()]);
  }
}

async function loadStatus() {
  const status = await api('GET', '/api/v1/status');
  const s = status.lines.find((l) => l.line === lineId);
  const override = s.override ? ' (override by ' + (s.override.setBy || '?') + ' until ' + when(s.override.until) + ')' : '';
  $('status').replaceChildren(
    el('span', { class: 'badge ' + s.mode, id: 'mode' }, s.mode),
    el('span', { id: 'reason' }, s.reason + ': ' + (s.detail || '') + override),
    el('span', {}, 'since ' + when(s.since)),
    el('span', { id: 'next-change' }, s.nextChange ? 'next change ' + when(s.nextChange) + ' \u2192 ' + s.nextMode : 'no change scheduled'));
  const pbx = status.pbx;
  $('pbx').textContent = 'PBX: AMI ' + pbx.ami + (pbx.lastPush ? ', last push ' + pbx.lastPush.slice(0, 19).replace('T', ' ') + ' UTC' : '')
    + ', FastAGI ' + pbx.fastAgi + (pbx.lastProblem ? ' \u2014 ' + pbx.lastProblem : '')
    + (pbx.missing && pbx.missing.length ? '. The PBX lacks: ' + pbx.missing.join('; ') : '');
}

async function loadPreview() {
  const next = await api('GET', '/api/v1/lines/' + lineId + '/preview?count=8');
  $('preview').replaceChildren(...next.map((s) => el('li', {}, when(s.at) + '  ' + s.mode + ' (' + s.reason + (s.detail ? ': ' + s.detail : '') + ')')));
}

async function loadHours() {
  const hours = await api('GET', '/api/v1/lines/' + lineId + '/hours');
  $('hours-error').textContent = '';
  const admin = session.role === 'admin';
  $('hours').replaceChildren(...DAYS.map((d, i) => el('div', { class: 'day' },
    el('label', { for: 'hours-' + d }, DAY_NAMES[i]),
    Object.assign(el('input', { id: 'hours-' + d, name: d }), { value: hours[d].join(', '), readOnly: !admin }))));
}

async function loadExceptions() {
  const list = await api('GET', '/api/v1/lines/' + lineId + '/exceptions');
  $('exceptions').replaceChildren(...list.map((x) => {
    const text = (x.from === x.to ? x.from : x.from + ' \u2013 ' + x.to) + ': '
      + (x.closed ? 'closed' : x.hours.join(', ')) + (x.note ? ' \u2014 ' + x.note : '');
    const item = el('li', {}, text + ' ');
    if (session.role === 'admin') {
      const remove = el('button', { type: 'button', 'aria-label': 'Remove exception ' + text }, 'Remove');
      remove.addEventListener('click', () => act(() => api('DELETE', '/api/v1/lines/' + lineId + '/exceptions/' + x.id), 'exception-error'));
      item.append(remove);
    }
    return item;
  }));
}

async function loadHolidays() {
  const days = await api('GET', '/api/v1/lines/' + lineId + '/holidays');
  $('holidays').replaceChildren(...days.map((h) => el('li', {}, h.date + '  ' + h.name)));
}

function callQuery() {
  const q = new URLSearchParams();
  for (const [key, id] of [['from', 'calls-from'], ['to', 'calls-to'], ['route', 'calls-route'], ['answered', 'calls-answered']]) {
    if ($(id).value) q.set(key, $(id).value);
  }
  return q;
}

async function loadCalls(fresh) {
  const q = callQuery();
  q.set('limit', '25');
  if (!fresh && callsCursor) q.set('cursor', callsCursor);
  const page = await api('GET', '/api/v1/lines/' + lineId + '/calls?' + q);
  const rows = page.calls.map((c) => el('tr', {}, el('td', {}, when(c.startedAt)), el('td', {}, c.callerNumber || 'withheld'),
    el('td', {}, c.mode || ''), el('td', {}, c.route || ''), el('td', {}, c.answeredBy),
    el('td', {}, c.ringSeconds == null ? '' : c.ringSeconds.toFixed(0)), el('td', {}, c.talkSeconds == null ? '' : c.talkSeconds.toFixed(0))));
  if (fresh) $('calls').replaceChildren(...rows); else $('calls').append(...rows);
  callsCursor = page.next;
  $('calls-more').hidden = !page.next;
  $('calls-csv').href = '/api/v1/lines/' + lineId + '/calls.csv?' + callQuery();
}

async function loadStats() {
  const s = await api('GET', '/api/v1/lines/' + lineId + '/stats?' + callQuery());
  chart($('chart-hours'), s.byHour.map((c, h) => [String(h).padStart(2, '0'), c]));
  chart($('chart-weekdays'), DAYS.map((d, i) => [DAY_NAMES[i].slice(0, 3), s.byWeekday[d.toUpperCase()]]));
  $('stats-summary').textContent = s.total + ' calls, ' + s.answered + ' answered ('
    + (s.total ? Math.round(100 * s.answered / s.total) : 0) + ' %), ' + Math.round(100 * s.shareForwarded)
    + ' % forwarded' + (s.medianRingSeconds == null ? '' : ', median ring ' + s.medianRingSeconds.toFixed(1) + ' s');
}

/** Stacked bars (open, forwarded) as SVG, with a text description for screen readers. */
function chart(target, buckets) {
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...buckets.map(([, c]) => c.total));
  const w = 20, h = 100, svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + buckets.length * w + ' ' + (h + 14));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', buckets.map(([label, c]) => label + ': ' + c.open + ' open, ' + c.forwarded + ' forwarded').join('; '));
  buckets.forEach(([label, c], i) => {
    let y = h;
    for (const kind of ['open', 'forwarded']) {
      const bar = document.createElementNS(ns, 'rect');
      const height = h * c[kind] / max;
      y -= height;
      bar.setAttribute('x', i * w + 2); bar.setAttribute('y', y); bar.setAttribute('width', w - 4); bar.setAttribute('height', height);
      bar.setAttribute('class', kind);
      svg.append(bar);
    }
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', i * w + 2); text.setAttribute('y', h + 11); text.textContent = label;
    svg.append(text);
  });
  target.replaceChildren(svg);
}

/** Runs a change, shows its error next to the form, and reloads what it affects. */
async function act(change, errorId) {
  $(errorId).textContent = '';
  try {
    await change();
    await refresh();
    return true;
  } catch (e) {
    $(errorId).textContent = e.message;
    return false;
  }
}

function ranges(text) {
  return text.split(',').map((r) => r.trim()).filter((r) => r.length);
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    const response = await fetch('/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
      body: JSON.stringify({ name: $('login-name').value, password: $('login-password').value }) });
    if (!response.ok) {
      $('login-error').textContent = (await response.json()).message;
      return;
    }
    $('login-password').value = '';
    await start();
  });
  $('setup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('setup-error').textContent = '';
    const response = await fetch('/setup', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin', body: JSON.stringify({ code: setupCode(), name: $('setup-name').value,
        password: $('setup-password').value }) });
    if (!response.ok) {
      $('setup-error').textContent = (await response.json()).message;
      return;
    }
    $('setup-password').value = '';
    history.replaceState(null, '', '/');   // the code is used up: keep it out of the address bar
    $('setup').hidden = true;
    await start();
  });
  $('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin' });
    showLogin();
  });
  $('line').addEventListener('change', async () => { lineId = $('line').value; await refresh(); });
  $('hours-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('hours-ok').textContent = '';
    const week = {};
    for (const d of DAYS) week[d] = ranges($('hours-' + d).value);
    if (await act(() => api('PUT', '/api/v1/lines/' + lineId + '/hours', week), 'hours-error')) {
      $('hours-ok').textContent = 'Saved.';
    }
  });
  $('exception-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { from: $('exc-from').value, to: $('exc-to').value || $('exc-from').value };
    if ($('exc-closed').checked) body.closed = true; else body.hours = ranges($('exc-hours').value);
    if ($('exc-note').value) body.note = $('exc-note').value;
    if (await act(() => api('POST', '/api/v1/lines/' + lineId + '/exceptions', body), 'exception-error')) {
      $('exception-form').reset();
    }
  });
  $('forward-now').addEventListener('click', () => act(() => api('PUT', '/api/v1/lines/' + lineId + '/override', { mode: 'FORWARDED' }), 'override-error'));
  $('open-now').addEventListener('click', () => act(() => api('PUT', '/api/v1/lines/' + lineId + '/override',
    $('open-until').value ? { mode: 'OPEN', until: $('open-until').value.trim().replace(' ', 'T') } : { mode: 'OPEN' }),
    'override-error'));
  $('clear-override').addEventListener('click', () => act(() => api('DELETE', '/api/v1/lines/' + lineId + '/override'), 'override-error'));
  $('calls-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await Promise.all([loadCalls(true), loadStats()]);
  });
  $('calls-more').addEventListener('click', () => loadCalls(false));
  start();
});
