// Alerts (admins): webhooks of each kind (Optimizarr's JSON, Discord, ntfy, Gotify, Apprise, e-mail,
// and Plex/Jellyfin/Emby rescans), with their events, secret and paused-encode limit; a "send test"
// button each, each one's latest deliveries and how they went, and for a media server the library
// folders it rescans with each folder's path as the server sees it.
import { api } from './api.js';
import { el, when } from './format.js';
import { field, message, onSubmit } from './forms.js';

const EVENTS = { 'job.completed': 'Job completed', 'job.failed': 'Job failed', 'job.skipped': 'Job skipped',
  'throttle.paused': 'Encode held longer than the limit', 'monitor.lost': 'Monitor lost', 'digest.daily': 'Daily digest' };

// What each kind's address and secret are, as its service names them.
const KINDS = {
  json: { label: 'JSON (scripts, Home Assistant)', url: 'https://example.com/hook', secret: 'optional: signs each request (X-Optimizarr-Signature, HMAC-SHA256)' },
  discord: { label: 'Discord', url: 'https://discord.com/api/webhooks/ID/TOKEN', secret: null },
  ntfy: { label: 'ntfy', url: 'https://ntfy.sh/your-topic', secret: 'optional: an access token (tk_…) for a protected topic' },
  gotify: { label: 'Gotify', url: 'https://gotify.example.com', secret: 'the application token' },
  apprise: { label: 'Apprise API', url: 'http://apprise:8000/notify/KEY', secret: null },
  email: { label: 'E-mail', url: 'mailto:you@example.com', secret: null },
  plex: { label: 'Plex (rescan)', url: 'http://plex:32400', secret: 'the X-Plex-Token', server: true },
  jellyfin: { label: 'Jellyfin (rescan)', url: 'http://jellyfin:8096', secret: 'an API key (Dashboard → API keys)', server: true },
  emby: { label: 'Emby (rescan)', url: 'http://emby:8096', secret: 'an API key', server: true },
};

function deliveriesTable(list) {
  if (!list.length) return el('p', { class: 'muted' }, 'Nothing sent yet.');
  return el('div', { class: 'table-wrap' }, el('table', { class: 'deliveries' },
    el('thead', {}, el('tr', {}, ['When', 'Event', 'Result', 'Attempts', 'Answer'].map((h) => el('th', {}, h)))),
    el('tbody', {}, list.map((d) => el('tr', { 'data-state': d.state },
      el('td', {}, when(d.lastAttemptAt || d.createdAt)), el('td', {}, d.event),
      el('td', { class: `state ${d.state === 'DELIVERED' ? 'COMPLETED' : d.state === 'FAILED' ? 'FAILED' : 'PAUSED'}` },
        d.state === 'DELIVERED' ? 'Delivered' : d.state === 'FAILED' ? 'Failed' : 'Retrying'),
      el('td', {}, d.attempts), el('td', {}, d.statusCode ? `HTTP ${d.statusCode}` : '', d.error ? el('div', { class: 'muted' }, d.error) : ''))))));
}

// The library folders a media server rescans: a box and the server's path for each folder.
function foldersForm(w, folders, linked, status) {
  const byId = new Map(linked.map((f) => [f.libraryId, f.serverPath]));
  const rows = folders.map((f) => {
    const box = el('input', { type: 'checkbox', value: f.id, checked: byId.has(f.id), class: 'rescan-folder' });
    const there = el('input', { type: 'text', class: 'server-path', value: byId.get(f.id) || f.path,
      'aria-label': `${f.path} as ${w.name} sees it` });
    return { box, there, row: el('div', { class: 'row' }, el('label', { class: 'row' }, box, f.path), el('span', { class: 'muted' }, '→'), there) };
  });
  const form = el('form', { class: 'stack folders-form' },
    el('fieldset', {}, el('legend', {}, 'Library folders it rescans, and where the server sees each'),
      rows.length ? rows.map((r) => r.row) : el('p', { class: 'muted' }, 'No library folders yet.'),
      el('span', { class: 'error', id: `folders-${w.id}-error` })),
    el('div', {}, el('button', { type: 'submit', class: 'save-folders' }, 'Save folders')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = rows.filter((r) => r.box.checked).map((r) => ({ libraryId: Number(r.box.value), serverPath: r.there.value || null }));
    try {
      const saved = await api(`/api/webhooks/${w.id}/folders`, { method: 'PUT', body });
      message(status, `${w.name} rescans ${saved.length} ${saved.length === 1 ? 'folder' : 'folders'}.`);
    } catch (err) { message(status, err.message, true); }
  });
  return form;
}

export async function alerts(view) {
  const list = el('div', { class: 'stack', id: 'webhooks' });
  const status = el('p', { class: 'message', hidden: true, role: 'status', id: 'webhooks-message' });
  let timer;

  async function refresh() {
    const [hooks, folders] = await Promise.all([api('/api/webhooks'), api('/api/library')]);
    const cards = await Promise.all(hooks.map(async (w) => {
      const kind = KINDS[w.kind] || KINDS.json;
      const [deliveries, linked] = await Promise.all([api(`/api/webhooks/${w.id}/deliveries?limit=10`),
        kind.server ? api(`/api/webhooks/${w.id}/folders`) : Promise.resolve([])]);
      const card = el('section', { class: 'card', id: `webhook-${w.id}`, 'data-kind': w.kind },
        el('h2', {}, w.name, el('span', { class: 'muted' }, ` — ${kind.label}`), w.enabled ? '' : el('span', { class: 'muted' }, ' (off)')),
        el('p', { class: 'path' }, w.url),
        el('p', { class: 'muted' }, kind.server ? 'Rescans what completed jobs change' : w.events.map((e) => EVENTS[e] || e).join(', '),
          w.events.includes('throttle.paused') ? ` (after ${w.pausedMinutes} min)` : '',
          w.kind === 'json' ? (w.hasSecret ? ' — signed' : ' — unsigned') : ''),
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'send-test', onclick: async () => {
            try { await api(`/api/webhooks/${w.id}/test`, { method: 'POST' }); message(status, `Test sent to ${w.name}.`); }
            catch (e) { message(status, e.message, true); }
            refresh();
          } }, 'Send test'),
          el('button', { type: 'button', class: 'delete-webhook', onclick: async () => {
            try { await api(`/api/webhooks/${w.id}`, { method: 'DELETE' }); message(status, `Deleted ${w.name}.`); }
            catch (e) { message(status, e.message, true); }
            refresh();
          } }, 'Delete')),
        kind.server ? foldersForm(w, folders, linked, status) : '',
        deliveriesTable(deliveries));
      return card;
    }));
    // Keep a folder form someone is editing as it is; replace the rest.
    if (!list.contains(document.activeElement) || !document.activeElement.closest('.folders-form')) {
      list.replaceChildren(...(cards.length ? cards : [el('p', { class: 'muted' }, 'No webhooks yet.')]));
    }
    // Retries settle on their own: keep the results current while the page is open.
    clearTimeout(timer);
    timer = setTimeout(refresh, 3000);
  }

  const name = el('input', { type: 'text', name: 'name', id: 'webhook-name', required: true });
  const kind = el('select', { name: 'kind', id: 'webhook-kind' },
    Object.entries(KINDS).map(([value, k]) => el('option', { value }, k.label)));
  const url = el('input', { type: 'text', name: 'url', id: 'webhook-url', required: true });
  const secret = el('input', { type: 'password', name: 'secret', id: 'webhook-secret', autocomplete: 'new-password' });
  const minutes = el('input', { type: 'number', name: 'pausedMinutes', id: 'webhook-pausedMinutes', value: 30, min: 1, max: 1440 });
  const boxes = Object.entries(EVENTS).map(([value, label]) => el('label', { class: 'row' },
    el('input', { type: 'checkbox', value, checked: value !== 'job.completed' && value !== 'digest.daily', class: 'webhook-event' }), label));
  const secretHint = el('span', { class: 'hint', id: 'webhook-secret-hint' });
  const secretField = el('label', {}, 'Secret', secretHint, secret, el('span', { class: 'error', id: 'secret-error', 'aria-live': 'polite' }));
  secret.setAttribute('aria-describedby', 'webhook-secret-hint secret-error');
  const events = el('fieldset', {}, el('legend', {}, 'Events'), boxes, el('span', { class: 'error', id: 'events-error' }));
  const limit = field('Held encode limit (minutes)', minutes);
  function shape() {
    const k = KINDS[kind.value];
    url.placeholder = k.url;
    secretField.hidden = k.secret === null;
    secretHint.textContent = k.secret || '';
    events.hidden = !!k.server;
    limit.hidden = !!k.server;
  }
  kind.addEventListener('change', shape);
  shape();
  const form = el('form', { class: 'stack', id: 'add-webhook' },
    field('Name', name), field('Kind', kind), field('Address', url), secretField, events, limit,
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Add webhook')));
  onSubmit(form, status, async () => {
    const k = KINDS[kind.value];
    await api('/api/webhooks', { method: 'POST', body: { name: name.value, kind: kind.value, url: url.value,
      secret: k.secret === null ? null : secret.value || null, pausedMinutes: Number(minutes.value),
      events: k.server ? null : boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value) } });
    const added = k.server ? `Added ${name.value}: choose the library folders it rescans.` : `Added ${name.value}.`;
    form.reset();
    shape();
    refresh();
    return added;
  });
  view.append(el('h1', {}, 'Alerts'), status, list, el('details', {}, el('summary', {}, 'Add a webhook or media server'), form));
  await refresh();
  return () => clearTimeout(timer);
}
