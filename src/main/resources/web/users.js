// Users and API tokens, for admins: the list with each user's role, adding a user (with a password, or one the
// service makes and shows once), changing a role, resetting a password, removing a user (asked first, naming
// them); creating a token (its secret shown once, with a copy button) and revoking one. The service keeps the
// rules (the last admin, one's own account) and the page shows its refusals at the field, in the reader's words.
// Uses app.js's helpers ($, t, el, api, act, local, session) and forms.js's (ask, askRemoval, showRefusal).
'use strict';

const ROLES = ['admin', 'viewer', 'contractor', 'reception'];

/** Where the users section shows refusals: the add form's fields, a user's role select, the token form's fields. */
const USER_SCOPES = {
  add: { general: 'user-error', input: (f) => ({ name: 'user-name', role: 'user-role', password: 'user-password' })[f] },
  token: { general: 'token-error', input: (f) => ({ label: 'token-label', role: 'token-role' })[f] },
  /** A change of one user in the list: a refused role is that user's role select. */
  of: (name) => ({ general: 'users-error', input: (f) => (f === 'role' ? userRoleId(name) : null) }),
};

function usersVisible() {
  return Boolean(session) && session.role === 'admin';
}

function userRoleId(name) {
  return 'user-role-' + name;
}

function roleOptions(selected) {
  return ROLES.map((r) => Object.assign(el('option', { value: r }, t('role.' + r)), { selected: r === selected }));
}

async function loadUsers() {
  const [users, tokens] = await Promise.all([api('GET', '/api/v1/users'), api('GET', '/api/v1/tokens')]);
  $('users').replaceChildren(...users.map(userItem));
  $('tokens').replaceChildren(...(tokens.length ? tokens.map(tokenItem)
    : [el('li', { class: 'muted' }, t('tokens.none'))]));
}

/** One user: name and role, a role select with its button, "Reset password" and "Remove". */
function userItem(u) {
  const roleId = userRoleId(u.name);
  const select = el('select', { id: roleId }, ...roleOptions(u.role));
  const change = el('button', { type: 'button', 'aria-label': t('users.changeRole.label', u.name) }, t('users.changeRole'));
  change.addEventListener('click', () => freshStart() || act(() => api('PATCH', '/api/v1/users/' + encodeURIComponent(u.name),
    { role: select.value }), USER_SCOPES.of(u.name), 'users-ok').then((done) => {
    if (done) $('users-ok').textContent = t('users.roleChanged', u.name, t('role.' + select.value));
  }));
  const reset = el('button', { type: 'button', 'aria-label': t('users.reset.label', u.name) }, t('users.reset'));
  reset.addEventListener('click', async () => {
    freshStart();
    if (!await ask(t('users.reset.title'), t('users.reset.text', u.name), t('users.reset.yes'))) return;
    let answer = null;
    if (await act(async () => {
      answer = await api('PATCH', '/api/v1/users/' + encodeURIComponent(u.name), { generatePassword: true });
    }, USER_SCOPES.of(u.name), 'user-secret-value')) {
      showSecret('user-secret', t('users.secret.password', u.name), answer.password);
    }
  });
  const remove = el('button', { type: 'button', 'aria-label': t('users.remove.label', u.name) }, t('users.remove'));
  remove.addEventListener('click', () => freshStart() || removeThen(t('users.what', u.name),
    () => api('DELETE', '/api/v1/users/' + encodeURIComponent(u.name)), USER_SCOPES.of(u.name), 'users-title', 'users-ok'));
  const own = u.name === session.name;
  // one's own role and account are not offered: the service refuses both (an admin cannot demote or remove themself)
  return el('li', { class: 'user-item' },
    el('p', {}, el('strong', {}, u.name), ' ', t('users.since', t('role.' + u.role), local(u.createdAt)),
      own ? ' ' + t('users.you') : ''),
    el('div', { class: 'buttons' }, ...(own ? [reset]
      : [el('div', { class: 'field' }, el('label', { for: roleId }, t('users.role')), select), change, reset, remove])));
}

function tokenItem(tok) {
  const text = t('tokens.item', tok.label, t('role.' + tok.role), local(tok.createdAt));
  const revoke = el('button', { type: 'button', 'aria-label': t('tokens.revoke.label', tok.label) }, t('tokens.revoke'));
  revoke.addEventListener('click', () => freshStart() || removeThen(t('tokens.what', tok.label),
    () => api('DELETE', '/api/v1/tokens/' + tok.id), USER_SCOPES.token, 'tokens-title', 'tokens-ok'));
  return el('li', {}, text + ' ', revoke);
}

/**
 * Shows a secret the service answered once (a password or a token) with a copy button: it is never shown again,
 * and the page forgets it at the next change of the section.
 */
function showSecret(boxId, title, secret) {
  const box = $(boxId);
  box.querySelector('.secret-title').textContent = title;
  box.querySelector('input').value = secret;
  box.querySelector('.copied').textContent = '';
  box.hidden = false;
  box.querySelector('input').focus();
  box.querySelector('input').select();
}

/**
 * The start of any action in the section: the secret shown once is forgotten, and the words of the last action
 * (its "done" or its refusal) go, so that they never stand beside the next one's. Returns nothing (undefined), so
 * that {@code freshStart() || action()} runs the action.
 */
function freshStart() {
  for (const id of ['user-secret', 'token-secret']) {
    $(id).hidden = true;
    $(id).querySelector('input').value = '';
  }
  for (const id of ['users-ok', 'tokens-ok', 'users-error']) $(id).textContent = '';
}

async function copySecret(boxId) {
  const input = $(boxId).querySelector('input');
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    $(boxId).querySelector('.copied').textContent = t('secret.copied');
  } catch (e) {
    // no clipboard for this page (an insecure origin): the text is selected, Ctrl+C copies it
    $(boxId).querySelector('.copied').textContent = t('secret.copyByHand');
  }
}

/** The audit trail's detail of a user or token change: whom, and the role. */
function usersAuditDetail(e) {
  const x = e.after || e.before || {};
  if (x.name) return ': ' + x.name + (x.role ? ' (' + t('role.' + x.role) + ')' : '');
  if (x.label) return ': ' + x.label + (x.role ? ' (' + t('role.' + x.role) + ')' : '');
  return '';
}

document.addEventListener('DOMContentLoaded', () => {
  $('user-role').replaceChildren(...roleOptions('viewer'));
  $('token-role').replaceChildren(...roleOptions('viewer'));
  $('lang').addEventListener('change', () => {
    for (const id of ['user-role', 'token-role']) {
      const chosen = $(id).value;
      $(id).replaceChildren(...roleOptions(chosen));
    }
  });
  $('user-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    freshStart();
    const body = { name: $('user-name').value.trim(), role: $('user-role').value };
    if ($('user-password').value) body.password = $('user-password').value;   // empty: the service makes one
    let added = null;
    if (await act(async () => { added = await api('POST', '/api/v1/users', body); }, USER_SCOPES.add,
      body.password ? 'users-ok' : null)) {
      $('user-form').reset();
      $('user-role').value = 'viewer';
      if (added.password) showSecret('user-secret', t('users.secret.password', added.name), added.password);
      else $('users-ok').textContent = t('users.added', added.name, t('role.' + added.role));
    }
  });
  $('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    freshStart();
    let created = null;
    if (await act(async () => {
      created = await api('POST', '/api/v1/tokens', { label: $('token-label').value.trim(), role: $('token-role').value });
    }, USER_SCOPES.token, 'token-secret-value')) {
      $('token-form').reset();
      $('token-role').value = 'viewer';
      showSecret('token-secret', t('tokens.secret', created.label), created.token);
    }
  });
  $('user-secret-copy').addEventListener('click', () => copySecret('user-secret'));
  $('token-secret-copy').addEventListener('click', () => copySecret('token-secret'));
});
