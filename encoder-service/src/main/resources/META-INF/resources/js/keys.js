// API keys (admins): the list, a form to create one (shown once), revoke; and how Sonarr and Radarr
// reach this node with one, with the path mappings in effect.
import { api } from './api.js';
import { el, when } from './format.js';
import { field, message, onSubmit } from './forms.js';

export async function keys(view) {
  const body = el('tbody');
  const status = el('p', { class: 'message', hidden: true, role: 'status' });
  async function refresh() {
    const list = await api('/api/keys');
    body.replaceChildren(...list.map((k) => el('tr', { id: `key-${k.id}` },
      el('td', {}, k.name), el('td', {}, k.role), el('td', {}, el('code', {}, `${k.prefix}…`)),
      el('td', {}, k.createdBy), el('td', {}, when(k.createdAt)), el('td', {}, k.lastUsedAt ? when(k.lastUsedAt) : 'never'),
      el('td', {}, el('button', { type: 'button', 'aria-label': `Revoke ${k.name}`, onclick: async () => {
        try { await api(`/api/keys/${k.id}`, { method: 'DELETE' }); message(status, `Revoked ${k.name}.`); }
        catch (e) { message(status, e.message, true); }
        refresh();
      } }, 'Revoke')))));
  }
  const name = el('input', { type: 'text', name: 'name', id: 'key-name', required: true, autocomplete: 'off' });
  const role = el('select', { name: 'role', id: 'key-role' }, el('option', { value: 'viewer' }, 'viewer'), el('option', { value: 'admin' }, 'admin'));
  const issued = el('div', { id: 'issued-key', hidden: true },
    el('p', {}, 'The new key, shown this once — copy it now:'),
    el('input', { type: 'text', id: 'new-key', readonly: true, 'aria-label': 'The new API key' }));
  const form = el('form', { class: 'stack', id: 'add-key' },
    field('Name', name, 'what uses it, such as sonarr'), field('Role', role),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Create key')));
  onSubmit(form, status, async () => {
    const created = await api('/api/keys', { method: 'POST', body: { name: name.value, role: role.value } });
    issued.hidden = false;
    const shown = issued.querySelector('#new-key');
    shown.value = created.key;
    shown.focus();
    shown.select();
    name.value = '';
    refresh();
    return `Created ${created.name}: send it as the header X-Api-Key (or ?apikey= where a tool sets no header).`;
  });
  const arr = await api('/api/integrations/arr');
  const address = `${location.origin}${arr.path}?apikey=KEY`;
  const integrations = el('section', { class: 'card', id: 'arr-setup' },
    el('h2', {}, 'Sonarr and Radarr'),
    el('p', {}, 'In Sonarr or Radarr: Settings → Connect → + → Webhook, on import and on upgrade, method POST, with the URL below and an admin key in place of KEY. Each imported file is queued with the profile of the library folder that holds it.'),
    el('p', {}, el('code', { id: 'arr-url' }, address)),
    arr.pathMappings.length
      ? el('div', {}, el('p', {}, 'Their paths become this node\'s by these mappings (OPTIMIZARR_PATH_MAPPINGS):'),
        el('ul', { id: 'path-mappings' }, arr.pathMappings.map((m) => el('li', {}, el('code', {}, m.from), ' → ', el('code', {}, m.to)))))
      : el('p', { class: 'muted', id: 'path-mappings' }, 'No path mappings: their paths are taken as this node\'s. Set OPTIMIZARR_PATH_MAPPINGS=/tv=/srv/media/tv,… where they see the media elsewhere.'));
  view.append(el('h1', {}, 'API keys'), status, issued,
    el('div', { class: 'table-wrap' }, el('table', { id: 'api-keys' },
      el('thead', {}, el('tr', {}, ['Name', 'Role', 'Key', 'Created by', 'Created', 'Last used', ''].map((h) => el('th', {}, h)))), body)),
    el('details', {}, el('summary', {}, 'Create a key'), form), integrations);
  await refresh();
}
