// The schedule, shown on the settings page: encoding windows (days and times in the node's zone,
// across midnight too), what running encodes do outside them, a "run now" override, and the
// thresholds for an idle machine. Saved whole with PUT; the server's messages appear beside fields.
import { api } from './api.js';
import { on } from './events.js';
import { el } from './format.js';
import { field, message, onSubmit } from './forms.js';

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

function windowRow(w, index, remove) {
  const row = el('fieldset', { class: 'window', 'data-index': index },
    el('legend', {}, `Window ${index + 1}`),
    el('div', { class: 'row' }, DAYS.map((d) => el('label', { class: 'row day' },
      el('input', { type: 'checkbox', value: d, checked: w.days.includes(d) }), d))),
    el('div', { class: 'row' },
      el('label', {}, 'From', el('input', { type: 'time', class: 'start', value: w.start, required: true })),
      el('label', {}, 'To', el('input', { type: 'time', class: 'end', value: w.end, required: true })),
      el('button', { type: 'button', class: 'remove-window', onclick: remove }, 'Remove')),
    el('span', { class: 'error', id: `windows[${index}].days-error` }),
    el('span', { class: 'error', id: `windows[${index}].start-error` }),
    el('span', { class: 'error', id: `windows[${index}].end-error` }));
  return row;
}

export async function schedulePanel(me) {
  let current = await api('/api/settings/schedule');
  const windows = el('div', { class: 'stack', id: 'windows' });
  const outside = el('select', { name: 'outsideWindow', id: 'outsideWindow' },
    el('option', { value: 'PAUSE' }, 'Pause running encodes'),
    el('option', { value: 'FINISH_CURRENT' }, 'Let the current encode finish'));
  const idle = {
    enabled: el('input', { type: 'checkbox', name: 'idle.enabled', id: 'idle.enabled' }),
    cpuBelow: el('input', { type: 'number', name: 'idle.cpuBelow', id: 'idle.cpuBelow', min: 1, max: 100 }),
    afterMinutes: el('input', { type: 'number', name: 'idle.afterMinutes', id: 'idle.afterMinutes', min: 1, max: 1440 }),
    inUseAfterSeconds: el('input', { type: 'number', name: 'idle.inUseAfterSeconds', id: 'idle.inUseAfterSeconds', min: 1, max: 3600 }),
    cpuThreshold: el('input', { type: 'number', name: 'idle.cpuThreshold', id: 'idle.cpuThreshold', min: 50, max: 100 }),
    memoryThreshold: el('input', { type: 'number', name: 'idle.memoryThreshold', id: 'idle.memoryThreshold', min: 50, max: 100 }),
    gpuThreshold: el('input', { type: 'number', name: 'idle.gpuThreshold', id: 'idle.gpuThreshold', min: 50, max: 100 }),
  };
  const state = el('p', { id: 'schedule-state', role: 'status' });
  const done = el('p', { class: 'message', id: 'schedule-message', hidden: true, role: 'status' });
  let rows = [];

  const draw = () => windows.replaceChildren(...rows.map((w, i) => windowRow(w, i, () => {
    rows = read().windows.filter((_, j) => j !== i); draw();
  })), rows.length ? '' : el('p', { class: 'muted' }, 'No windows: encodes may run at any time.'));
  const read = () => ({
    windows: [...windows.querySelectorAll('fieldset.window')].map((f) => ({
      days: [...f.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value),
      start: f.querySelector('.start').value, end: f.querySelector('.end').value })),
    outsideWindow: outside.value,
    idle: { enabled: idle.enabled.checked,
      ...Object.fromEntries(Object.entries(idle).filter(([k]) => k !== 'enabled').map(([k, i]) => [k, Number(i.value)])) },
  });
  const showState = (s) => {
    state.replaceChildren(
      el('strong', {}, s.open ? 'Encoding allowed now' : 'Outside the encoding windows'),
      s.closedReason ? ` — ${s.closedReason}` : '',
      s.runNowUntil ? ` — running now until ${new Date(s.runNowUntil).toLocaleString(undefined, { timeZone: s.timeZone })}` : '',
      el('span', { class: 'muted' }, ` (times in ${s.timeZone})`));
    state.className = s.open ? 'message' : 'message bad';
  };
  const fill = (s) => {
    rows = s.windows.map((w) => ({ ...w }));
    draw();
    outside.value = s.outsideWindow;
    idle.enabled.checked = s.idle.enabled;
    for (const k of Object.keys(idle)) if (k !== 'enabled') idle[k].value = s.idle[k];
    showState(s);
  };
  const runNow = async (method, body) => {
    try {
      current = await api('/api/settings/schedule/run-now', { method, body });
      showState(current);
    } catch (err) { message(done, err.message, true); }
  };

  const form = el('form', { class: 'stack', id: 'schedule-form' },
    el('h2', {}, 'Schedule'), state,
    el('fieldset', {}, el('legend', {}, 'Encoding windows'), windows,
      me.admin ? el('div', {}, el('button', { type: 'button', id: 'add-window', onclick: () => {
        rows = [...read().windows, { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '22:00', end: '07:00' }];
        draw();
      } }, 'Add a window')) : null,
      field('Outside the windows', outside),
      me.admin ? el('div', { class: 'row' },
        el('button', { type: 'button', id: 'run-now', onclick: () => runNow('POST', { minutes: 120 }) }, 'Run now for 2 hours'),
        el('button', { type: 'button', id: 'end-run-now', onclick: () => runNow('DELETE') }, 'Back to the windows')) : null),
    el('fieldset', {}, el('legend', {}, 'When the machine is idle'),
      el('label', { class: 'row' }, idle.enabled, 'Use other thresholds once nobody uses the machine',
        el('span', { class: 'error', id: 'idle.enabled-error' })),
      field('Idle when other programs\' CPU stays under (%)', idle.cpuBelow),
      field('for (minutes)', idle.afterMinutes),
      field('In use again after that CPU for (seconds)', idle.inUseAfterSeconds),
      field('CPU threshold while idle (%)', idle.cpuThreshold),
      field('Memory threshold while idle (%)', idle.memoryThreshold),
      field('GPU threshold while idle (%)', idle.gpuThreshold)),
    done,
    me.admin ? el('div', {}, el('button', { class: 'primary', type: 'submit', id: 'save-schedule' }, 'Save schedule')) : null);
  if (!me.admin) for (const input of form.querySelectorAll('input, select')) input.disabled = true;
  onSubmit(form, done, async () => {
    current = await api('/api/settings/schedule', { method: 'PUT', body: read() });
    fill(current);
    return 'Schedule saved.';
  });
  fill(current);
  const leave = on('schedule', (s) => { current = s; showState(s); });
  return { form, leave };
}
