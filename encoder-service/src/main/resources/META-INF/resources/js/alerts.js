// Alerts (admins): webhooks with their events, an optional signing secret and the paused-encode
// limit; a "send test" button each, and each webhook's latest deliveries and how they went.
import { api } from './api.js';
import { el, when } from './format.js';
import { field, message, onSubmit } from './forms.js';

const EVENTS = { 'job.completed': 'Job completed', 'job.failed': 'Job failed', 'job.skipped': 'Job skipped',
  'throttle.paused': 'Encode held longer than the limit', 'monitor.lost': 'Monitor lost' };

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

export async function alerts(view) {
  const list = el('div', { class: 'stack', id: 'webhooks' });
  const status = el('p', { class: 'message', hidden: true, role: 'status', id: 'webhooks-message' });
  let timer;

  async function refresh() {
    const hooks = await api('/api/webhooks');
    const cards = await Promise.all(hooks.map(async (w) => {
      const deliveries = await api(`/api/webhooks/${w.id}/deliveries?limit=10`);
      return el('section', { class: 'card', id: `webhook-${w.id}` },
        el('h2', {}, w.name, w.enabled ? '' : el('span', { class: 'muted' }, ' (off)')),
        el('p', { class: 'path' }, w.url),
        el('p', { class: 'muted' }, w.events.map((e) => EVENTS[e] || e).join(', '),
          w.events.includes('throttle.paused') ? ` (after ${w.pausedMinutes} min)` : '',
          w.hasSecret ? ' — signed' : ' — unsigned'),
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
        deliveriesTable(deliveries));
    }));
    list.replaceChildren(...(cards.length ? cards : [el('p', { class: 'muted' }, 'No webhooks yet.')]));
    // Retries settle on their own: keep the results current while the page is open.
    clearTimeout(timer);
    timer = setTimeout(refresh, 3000);
  }

  const name = el('input', { type: 'text', name: 'name', id: 'webhook-name', required: true });
  const url = el('input', { type: 'text', name: 'url', id: 'webhook-url', placeholder: 'https://example.com/hook', required: true });
  const secret = el('input', { type: 'password', name: 'secret', id: 'webhook-secret', autocomplete: 'new-password' });
  const minutes = el('input', { type: 'number', name: 'pausedMinutes', id: 'webhook-pausedMinutes', value: 30, min: 1, max: 1440 });
  const boxes = Object.entries(EVENTS).map(([value, label]) => el('label', { class: 'row' },
    el('input', { type: 'checkbox', value, checked: value !== 'job.completed', class: 'webhook-event' }), label));
  const form = el('form', { class: 'stack', id: 'add-webhook' },
    field('Name', name), field('Address (JSON is POSTed here)', url),
    field('Secret', secret, 'optional: signs each request (X-Optimizarr-Signature, HMAC-SHA256)'),
    el('fieldset', {}, el('legend', {}, 'Events'), boxes, el('span', { class: 'error', id: 'events-error' })),
    field('Held encode limit (minutes)', minutes),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Add webhook')));
  onSubmit(form, status, async () => {
    await api('/api/webhooks', { method: 'POST', body: { name: name.value, url: url.value,
      secret: secret.value || null, pausedMinutes: Number(minutes.value),
      events: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value) } });
    const added = `Added ${name.value}.`;
    form.reset();
    refresh();
    return added;
  });
  view.append(el('h1', {}, 'Alerts'), status, list, el('details', {}, el('summary', {}, 'Add a webhook'), form));
  await refresh();
  return () => clearTimeout(timer);
}
