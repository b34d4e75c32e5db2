// Users (admins): the list, a form to add one, delete.
import { api } from './api.js';
import { el, when } from './format.js';
import { field, message, onSubmit } from './forms.js';

export async function users(view, me) {
  const body = el('tbody');
  const status = el('p', { class: 'message', hidden: true, role: 'status' });
  async function refresh() {
    const list = await api('/api/users');
    body.replaceChildren(...list.map((u) => el('tr', { id: `user-${u.id}` },
      el('td', {}, u.username), el('td', {}, u.role), el('td', {}, when(u.createdAt)),
      el('td', {}, u.username === me.username ? '' : el('button', { type: 'button', onclick: async () => {
        try { await api(`/api/users/${u.id}`, { method: 'DELETE' }); message(status, `Deleted ${u.username}.`); }
        catch (e) { message(status, e.message, true); }
        refresh();
      } }, 'Delete')))));
  }
  const username = el('input', { type: 'text', name: 'username', id: 'user-username', required: true, autocomplete: 'off' });
  const password = el('input', { type: 'password', name: 'password', id: 'user-password', required: true, autocomplete: 'new-password' });
  const role = el('select', { name: 'role', id: 'user-role' }, el('option', { value: 'viewer' }, 'viewer'), el('option', { value: 'admin' }, 'admin'));
  const form = el('form', { class: 'stack', id: 'add-user' },
    field('User name', username), field('Password', password, 'at least 8 characters'), field('Role', role),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Add user')));
  onSubmit(form, status, async () => {
    await api('/api/users', { method: 'POST', body: { username: username.value, password: password.value, role: role.value } });
    const added = `Added ${username.value}.`;
    username.value = ''; password.value = '';
    refresh();
    return added;
  });
  view.append(el('h1', {}, 'Users'), status,
    el('div', { class: 'table-wrap' }, el('table', { id: 'users' },
      el('thead', {}, el('tr', {}, ['User', 'Role', 'Created', ''].map((h) => el('th', {}, h)))), body)),
    el('details', {}, el('summary', {}, 'Add a user'), form));
  await refresh();
}
