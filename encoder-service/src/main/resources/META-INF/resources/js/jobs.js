// The queue: a live table (progress, fps, ETA, state and reason), a form to add a job, and each
// job's page with its timeline and usage. Admins pause, resume and cancel.
import { api } from './api.js';
import { on } from './events.js';
import { el, pct, duration, when, bytes } from './format.js';
import { field, onSubmit } from './forms.js';

const PAGE = 50;

function progress(job) {
  return el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': Math.round(job.progressPercent) },
  el('span', { style: `width:${job.progressPercent}%` }));
}

const STATE_WORDS = { QUEUED: 'Queued', PROCESSING: 'Processing', PAUSED: 'Paused', REPLACING: 'Replacing',
  COMPLETED: 'Completed', SKIPPED: 'Skipped', FAILED: 'Failed', CANCELLED: 'Cancelled' };

// Replace mode: what became of the original, and the admin's button to put it back while it is kept.
const ORIGINAL_WORDS = { RECYCLED: 'kept in the recycle folder', RESTORING: 'being restored',
  RESTORED: 'restored', DELETED: 'deleted once replaced (0 recycle days)', SWEPT: 'swept from the recycle folder',
  GONE: 'gone from the recycle folder' };

function replaceFacts(job) {
  if (job.outputMode !== 'replace') return [];
  const original = job.originalState === 'RECYCLED'
    ? `kept at ${job.recycledPath}, restorable until ${when(job.recycleUntil)}`
    : ORIGINAL_WORDS[job.originalState] || '';
  return [el('dt', {}, 'Output'), el('dd', { id: 'job-replace' }, job.status === 'REPLACING'
    ? `replacing the input: step ${job.replaceStep}` : 'replaces the input'),
  el('dt', {}, 'Original'), el('dd', { id: 'job-original' }, original)];
}

function restoreButton(job, me, refresh) {
  if (!me.admin || !job.restorable) return '';
  return el('button', { type: 'button', class: 'restore-job', onclick: async () => {
    if (!confirm(`Put the original back at ${job.inputPath} and remove the encode's output?`)) return;
    try { await api(`/api/jobs/${job.id}/restore`, { method: 'POST' }); } catch (e) { alert(e.message); }
    refresh();
  } }, 'Restore original');
}

/** "3.0 GiB → 1.0 GiB, 67% saved" once a job recorded both sizes; empty before. */
function savings(job) {
  if (job.inputBytes == null || job.outputBytes == null) return '';
  const saved = job.inputBytes - job.outputBytes;
  const share = job.inputBytes ? pct((100 * Math.abs(saved)) / job.inputBytes) : 'N/A';
  return `${bytes(job.inputBytes)} → ${bytes(job.outputBytes)}, ${share} ${saved >= 0 ? 'saved' : 'larger'}`;
}

function actions(job, me, refresh) {
  if (!me.admin) return '';
  const act = (verb, label) => el('button', { type: 'button', class: `${verb}-job`, onclick: async () => {
    try { await api(`/api/jobs/${job.id}/${verb}`, { method: 'POST' }); } catch (e) { alert(e.message); }
    refresh();
  } }, label);
  return el('div', { class: 'row' },
    job.status === 'PROCESSING' ? act('pause', 'Pause') : null,
    job.status === 'PAUSED' ? act('resume', 'Resume') : null,
    ['QUEUED', 'PROCESSING', 'PAUSED'].includes(job.status) ? act('cancel', 'Cancel') : null);
}

function row(job, me, refresh) {
  const running = job.status === 'PROCESSING';
  return el('tr', { id: `job-${job.id}`, 'data-status': job.status },
    el('td', {}, el('a', { href: `#/jobs/${job.id}` }, job.id)),
    el('td', { class: 'path' }, job.inputPath),
    el('td', {}, progress(job), el('small', { class: 'percent' }, `${job.progressPercent.toFixed(1)}%`)),
    el('td', { class: 'fps' }, running && job.fps != null ? job.fps.toFixed(1) : ''),
    el('td', { class: 'eta' }, running ? duration(job.etaSeconds) : ''),
    el('td', {}, el('span', { class: `state ${job.status}` }, STATE_WORDS[job.status] || job.status),
      job.statusReason ? el('div', { class: 'muted reason' }, job.statusReason) : '',
      job.waitingFor ? el('div', { class: 'muted waiting' }, job.waitingFor) : ''),
    el('td', { class: 'size' }, savings(job)),
    el('td', {}, actions(job, me, refresh)));
}

function addForm(profiles, refresh) {
  const profile = el('select', { name: 'profileId', id: 'new-profile' },
    profiles.map((p) => el('option', { value: p.id }, p.name)));
  const input = el('input', { type: 'text', name: 'inputPath', id: 'new-input', required: true,
    placeholder: '/media/movies/film.mkv' });
  const output = el('input', { type: 'text', name: 'outputPath', id: 'new-output',
    placeholder: 'beside the input when empty' });
  const done = el('p', { class: 'message', hidden: true, role: 'status' });
  const form = el('form', { class: 'stack', id: 'add-job' },
    field('Profile', profile), field('Input file', input, 'a path inside a media root'),
    field('Output file', output), done,
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Add job')));
  onSubmit(form, done, async () => {
    const job = await api('/api/jobs', { method: 'POST', body: {
      profileId: Number(profile.value), inputPath: input.value, outputPath: output.value || null } });
    input.value = ''; output.value = '';
    refresh();
    return `Job ${job.id} queued.`;
  });
  return el('details', {}, el('summary', {}, 'Add a job'), form);
}

export async function jobs(view, me) {
  const body = el('tbody');
  const count = el('p', { class: 'muted', id: 'job-count' });
  let page = 0;
  let shown = new Map();
  const pager = el('div', { class: 'row' },
    el('button', { type: 'button', onclick: () => { if (page > 0) { page--; refresh(); } } }, 'Newer'),
    el('button', { type: 'button', onclick: () => { page++; refresh(); } }, 'Older'));
  async function refresh() {
    const result = await api(`/api/jobs?page=${page}&size=${PAGE}`);
    if (!result.items.length && page > 0) { page--; return refresh(); }
    shown = new Map(result.items.map((j) => [j.id, j]));
    body.replaceChildren(...result.items.map((j) => row(j, me, refresh)));
    count.textContent = `${result.total} jobs`;
  }
  view.append(el('h1', {}, 'Jobs'));
  if (me.admin) view.append(addForm(await api('/api/profiles'), refresh));
  view.append(count, el('div', { class: 'table-wrap' }, el('table', { id: 'jobs' },
    el('thead', {}, el('tr', {}, ['#', 'Input', 'Progress', 'fps', 'ETA', 'State', 'Size', ''].map((h) => el('th', {}, h)))),
    body)), pager);
  await refresh();
  let pending = null;
  const later = () => { if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 300); };
  return on('job', (update) => {
    const job = shown.get(update.id);
    if (!job) { later(); return; }
    Object.assign(job, update);
    if (update.event) { later(); }  // a state change: its reason and actions come with the page
    document.getElementById(`job-${job.id}`)?.replaceWith(row(job, me, refresh));
  });
}

const ACTION_WORDS = { KEPT: 'Kept', CONVERTED: 'Converted', DROPPED: 'Dropped' };

// The stream plan the run decided before ffmpeg started: every input stream, what became of it, why.
function streamPlan(plan) {
  if (!plan) return [el('p', { class: 'muted' }, 'Decided when the job starts.')];
  const rows = plan.streams.map((s) => el('tr', { class: `plan-${s.action}` },
    el('td', {}, `#${s.index}`), el('td', {}, s.kind.toLowerCase().replace('_', ' ')),
    el('td', {}, [s.codec, s.language, s.title].filter(Boolean).join(' · ')),
    el('td', {}, el('strong', {}, ACTION_WORDS[s.action]), s.action === 'CONVERTED' ? ` → ${s.outputCodec}` : ''),
    el('td', {}, s.reason)));
  return [
    el('div', { class: 'table-wrap' }, el('table', { id: 'stream-plan' },
      el('thead', {}, el('tr', {}, ['Stream', 'Kind', 'Codec · language · title', 'Plan', 'Why'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows))),
    el('p', { class: 'muted' }, `${plan.chapters} chapters kept.`),
    plan.refusal ? el('p', { class: 'error', id: 'plan-refusal' }, `Refused: ${plan.refusal}`) : ''];
}

const CHUNK_WORDS = { FINISHED: 'finished', ENCODING: 'encoding', OFFERED: 'waiting for a node' };

// The chunks of a segmented encode: those finished (where each starts, its frames and size, the
// node that encoded it and how long that took), and those of a shared encode being encoded on a
// node or waiting for one.
function chunkTable(job, chunks) {
  const finished = chunks.filter((c) => c.state === 'FINISHED').length;
  const took = (s) => (s == null ? '' : s < 10 ? `${s.toFixed(1)}s` : duration(s));
  const rows = chunks.map((c) => el('tr', { class: `chunk ${c.state}` },
    el('td', {}, c.index + 1), el('td', {}, CHUNK_WORDS[c.state]), el('td', {}, duration(c.startSeconds) || '0s'),
    el('td', {}, c.frames), el('td', {}, c.bytes == null ? '' : bytes(c.bytes)), el('td', {}, c.node ?? ''),
    el('td', {}, took(c.encodeSeconds)), el('td', {}, when(c.finishedAt))));
  return [el('h2', {}, 'Chunks'),
    el('p', { class: 'muted', id: 'chunk-count' }, `${finished} of ${job.segmentCount ?? chunks.length} chunks finished.`),
    el('div', { class: 'table-wrap' }, el('table', { id: 'chunks' },
      el('thead', {}, el('tr', {}, ['Chunk', 'State', 'From', 'Frames', 'Size', 'Node', 'Took', 'Finished'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)))];
}

export async function jobPage(view, me, id) {
  const head = el('div');
  const usage = el('dl', { class: 'facts' });
  const timeline = el('ol', { class: 'timeline', id: 'timeline' });
  const plan = el('section', { class: 'card', id: 'plan' });
  const chunks = el('section', { class: 'card', id: 'job-chunks', hidden: true });
  view.append(el('p', {}, el('a', { href: '#/jobs' }, '← Jobs')), head, plan, chunks,
    el('div', { class: 'grid' }, el('section', { class: 'card' }, el('h2', {}, 'Usage'), usage),
      el('section', { class: 'card' }, el('h2', {}, 'Timeline'), timeline)));
  async function refresh() {
    const [job, events, done] = await Promise.all([api(`/api/jobs/${id}`), api(`/api/jobs/${id}/events`),
      api(`/api/jobs/${id}/chunks`)]);
    head.replaceChildren(el('h1', {}, `Job ${job.id}`),
      el('p', { class: 'path' }, `${job.inputPath} → ${job.outputPath}`),
      el('p', {}, el('span', { class: `state ${job.status}`, id: 'job-state' }, STATE_WORDS[job.status]),
        job.statusReason ? ` — ${job.statusReason}` : '', job.error ? el('pre', { class: 'error' }, job.error) : ''),
      progress(job), actions(job, me, refresh), restoreButton(job, me, refresh));
    usage.replaceChildren(
      el('dt', {}, 'CPU'), el('dd', {}, `${pct(job.cpuPercent)} (peak ${pct(job.peakCpuPercent)})`),
      el('dt', {}, 'Memory'), el('dd', {}, `${bytes(job.memoryBytes)} (peak ${bytes(job.peakMemoryBytes)})`),
      el('dt', {}, 'Size'), el('dd', { id: 'job-size' }, savings(job) || 'not recorded'),
      el('dt', {}, 'Paused'), el('dd', {}, duration(job.pausedSeconds) || '0s'),
      el('dt', {}, 'Node'), el('dd', {}, job.node || ''),
      el('dt', {}, 'Attempts'), el('dd', {}, job.attempts), ...replaceFacts(job),
      el('dt', {}, 'Created'), el('dd', {}, when(job.createdAt)),
      el('dt', {}, 'Finished'), el('dd', {}, when(job.finishedAt)));
    plan.replaceChildren(el('h2', {}, 'Streams'), ...streamPlan(job.streamPlan));
    chunks.hidden = !job.segmentCount && done.length === 0;
    chunks.replaceChildren(...chunkTable(job, done));
    timeline.replaceChildren(...events.map((e) => el('li', {}, el('strong', {}, e.type), ' ',
      el('span', { class: 'muted' }, when(e.at)), el('div', {}, e.message))));
  }
  await refresh();
  return on('job', (update) => { if (String(update.id) === id && update.event) refresh(); });
}
