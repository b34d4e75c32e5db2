// The shell: who is logged in, the navigation, the live stream, and one page at a time by hash.
import { api } from './api.js';
import { connect } from './events.js';
import { dashboard } from './dashboard.js';
import { jobs, jobPage } from './jobs.js';
import { settings } from './settings.js';
import { profiles } from './profiles.js';
import { users } from './users.js';
import { keys } from './keys.js';
import { library } from './library.js';
import { alerts } from './alerts.js';

const view = document.getElementById('view');
let leave = () => {};

const routes = [
  [/^#\/jobs\/(\d+)$/, jobPage],
  [/^#\/jobs$/, jobs],
  [/^#\/settings$/, settings],
  [/^#\/profiles$/, profiles],
  [/^#\/users$/, users],
  [/^#\/keys$/, keys],
  [/^#\/library$/, library],
  [/^#\/alerts$/, alerts],
  [/^#\/dashboard$|^#?\/?$/, dashboard],
];

async function show(me) {
  leave();
  const hash = location.hash || '#/dashboard';
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
  }
  const [pattern, page] = routes.find(([p]) => p.test(hash)) || routes[routes.length - 1];
  view.replaceChildren();
  leave = (await page(view, me, ...(hash.match(pattern) || []).slice(1))) || (() => {});
}

const me = await api('/api/me');
document.getElementById('user').textContent = me.username;
document.getElementById('role').textContent = me.role;
me.admin = me.role === 'admin';
if (!me.admin) document.querySelectorAll('[data-admin]').forEach((a) => a.remove());
document.getElementById('logout').addEventListener('click', async () => {
  await fetch('/api/logout', { method: 'POST', credentials: 'same-origin' });
  location.href = '/login.html';
});
connect(document.getElementById('live'));
window.addEventListener('hashchange', () => show(me));
show(me);
