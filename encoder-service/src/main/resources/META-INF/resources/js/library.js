// The library: folders whose videos are queued by scans, each with its profile, extensions and
// how its last scan went. Admins add folders (scanned at once), change how one is scanned (the same
// form, its path fixed), scan again and remove them.
import { api } from './api.js';
import { el, when } from './format.js';
import { field, message, onSubmit } from './forms.js';

export async function library(view, me) {
  const body = el('tbody');
  const status = el('p', { class: 'message', hidden: true, role: 'status', id: 'library-message' });
  let timer;
  const profiles = await api('/api/profiles');
  const profileName = (id) => (profiles.find((p) => p.id === id) || { name: `#${id}` }).name;

  async function refresh() {
    const folders = await api('/api/library');
    body.replaceChildren(...folders.map((f) => el('tr', { id: `folder-${f.id}`, 'data-state': f.scanState },
      el('td', { class: 'path' }, f.path), el('td', {}, profileName(f.profileId)),
      el('td', {}, f.extensions.join(', '),
        el('div', { class: 'muted' }, f.rescanMinutes ? `watched; scanned again every ${f.rescanMinutes} min` : 'watched; scanned again on changes only'),
        el('div', { class: 'muted' }, `files settle ${f.settleSeconds} s`)),
      el('td', { class: 'scan' }, el('strong', {}, { NEVER: 'Not scanned', SCANNING: 'Scanning…', DONE: 'Scanned', FAILED: 'Failed' }[f.scanState]),
        el('div', { class: 'muted' }, `${f.filesSeen} seen, ${f.filesQueued} queued, ${f.filesSkipped} skipped`),
        Object.keys(f.skipReasons).length ? el('div', { class: 'muted' }, Object.entries(f.skipReasons).map(([k, v]) => `${v} ${k}`).join('; ')) : '',
        f.scanError ? el('div', { class: 'error' }, f.scanError) : '',
        f.scanFinishedAt ? el('div', { class: 'muted' }, when(f.scanFinishedAt)) : ''),
      el('td', {}, me.admin ? el('div', { class: 'row' },
        el('button', { type: 'button', class: 'edit-folder', 'aria-label': `Edit ${f.path}`, onclick: () => edit(f) }, 'Edit'),
        el('button', { type: 'button', class: 'rescan', disabled: f.scanState === 'SCANNING', onclick: async () => {
          try { await api(`/api/library/${f.id}/scan`, { method: 'POST' }); message(status, `Scanning ${f.path}.`); }
          catch (e) { message(status, e.message, true); }
          refresh();
        } }, 'Scan again'),
        el('button', { type: 'button', class: 'remove-folder', onclick: async () => {
          try { await api(`/api/library/${f.id}`, { method: 'DELETE' }); message(status, `Removed ${f.path}; its jobs stay.`); }
          catch (e) { message(status, e.message, true); }
          refresh();
        } }, 'Remove')) : ''))));
    clearTimeout(timer);
    if (folders.some((f) => f.scanState === 'SCANNING')) timer = setTimeout(refresh, 1000);
  }

  const path = el('input', { type: 'text', name: 'path', id: 'library-path', required: true, placeholder: '/media/Films' });
  const profile = el('select', { name: 'profileId', id: 'library-profile' }, profiles.map((p) => el('option', { value: p.id }, p.name)));
  const extensions = el('input', { type: 'text', name: 'extensions', id: 'library-extensions', placeholder: 'mkv, mp4, avi (empty: common video types)' });
  const rescan = el('input', { type: 'number', name: 'rescanMinutes', id: 'library-rescanMinutes', min: 0, max: 10080, value: 60 });
  const settle = el('input', { type: 'number', name: 'settleSeconds', id: 'library-settleSeconds', min: 0, max: 86400, value: 60 });
  const mode = el('select', { name: 'outputMode', id: 'library-outputMode' },
    el('option', { value: '' }, "the profile's"), el('option', { value: 'beside' }, 'beside the input'),
    el('option', { value: 'replace' }, 'replace the input'));
  const form = el('form', { class: 'stack', id: 'add-folder' },
    field('Folder', path, 'inside a media root; searched with its subfolders'), field('Profile', profile),
    field('File extensions', extensions), field('Output', mode),
    field('Scan again every (minutes)', rescan, 'besides on every change the folder reports; 0: on changes only — network shares report none'),
    field('Settle time (seconds)', settle, 'a file changed more recently is left for a later scan, so a half-copied file is never queued'),
    el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit', id: 'folder-submit' }, 'Add and scan'),
      el('button', { type: 'button', id: 'folder-cancel', hidden: true, onclick: () => adding() }, 'Cancel')));
  const summary = el('summary', {}, 'Add a folder');
  const details = el('details', { open: true }, summary, form);
  let editing = null;

  // The form adds a folder, or (after Edit) changes one, its path fixed.
  function adding() {
    editing = null;
    form.reset();
    path.readOnly = false;
    summary.textContent = 'Add a folder';
    form.querySelector('#folder-submit').textContent = 'Add and scan';
    form.querySelector('#folder-cancel').hidden = true;
  }
  function edit(f) {
    editing = f;
    path.value = f.path;
    path.readOnly = true;
    profile.value = String(f.profileId);
    extensions.value = f.extensions.join(', ');
    mode.value = f.outputMode || '';
    rescan.value = f.rescanMinutes;
    settle.value = f.settleSeconds;
    summary.textContent = `Edit ${f.path}`;
    form.querySelector('#folder-submit').textContent = 'Save changes';
    form.querySelector('#folder-cancel').hidden = false;
    details.open = true;
    profile.focus();
  }
  onSubmit(form, status, async () => {
    const list = extensions.value.split(',').map((x) => x.trim()).filter(Boolean);
    const body = { path: path.value, profileId: Number(profile.value),
      extensions: list.length ? list : null, outputMode: mode.value || null,
      rescanMinutes: Number(rescan.value), settleSeconds: Number(settle.value) };
    if (editing) {
      await api(`/api/library/${editing.id}`, { method: 'PUT', body });
      const changed = `Saved ${editing.path}; the next scan uses it.`;
      adding();
      refresh();
      return changed;
    }
    await api('/api/library', { method: 'POST', body });
    refresh();
    return `Added ${path.value}; scanning.`;
  });
  view.append(el('h1', {}, 'Library'), status,
    el('div', { class: 'table-wrap' }, el('table', { id: 'library' },
      el('thead', {}, el('tr', {}, ['Folder', 'Profile', 'Extensions', 'Last scan', ''].map((h) => el('th', {}, h)))), body)),
    me.admin ? details : null);
  await refresh();
  return () => clearTimeout(timer);
}
