// Resource settings: threshold sliders, priority and cores, throttling, the advanced hysteresis
// fields and the quick presets. Saved whole with PUT; the server's messages appear beside fields.
import { api } from './api.js';
import { on } from './events.js';
import { el } from './format.js';
import { field, onSubmit } from './forms.js';
import { schedulePanel } from './schedule.js';

function slider(name, min = 50, max = 100) {
  const input = el('input', { type: 'range', name, id: name, min, max, step: 1 });
  const shown = el('output', { for: name, id: `${name}-value` });
  input.addEventListener('input', () => { shown.textContent = `${input.value}%`; });
  return [input, shown];
}

const number = (name, min, max) => el('input', { type: 'number', name, id: name, min, max });

export async function settings(view, me) {
  const [cpu, cpuShown] = slider('cpuThreshold');
  const [memory, memoryShown] = slider('memoryThreshold');
  const [gpu, gpuShown] = slider('gpuThreshold');
  const mode = el('select', { name: 'priorityMode', id: 'priorityMode' },
    el('option', { value: 'IDLE' }, 'Idle: only cycles nobody else wants'),
    el('option', { value: 'NICE' }, 'Nice level'));
  const nice = number('niceLevel', 0, 19);
  const affinity = el('input', { type: 'text', name: 'cpuAffinity', id: 'cpuAffinity', placeholder: 'every core' });
  const enable = el('input', { type: 'checkbox', name: 'enableThrottling', id: 'enableThrottling' });
  const batch = el('input', { type: 'checkbox', name: 'ignoreBatchLoad', id: 'ignoreBatchLoad' });
  // The causes whose pause ends a chunked encode's ffmpeg (freeing memory and the GPU) instead of stopping it.
  const release = Object.fromEntries(['memory', 'gpu', 'window'].map((c) =>
    [c, el('input', { type: 'checkbox', name: 'releasePauseOn', value: c, id: `release-${c}` })]));
  const advanced = {
    resumeMargin: number('resumeMargin', 1, 50),
    pauseAfterSamples: number('pauseAfterSamples', 1, 60),
    resumeAfterSamples: number('resumeAfterSamples', 1, 300),
    cpuTemperatureLimit: number('cpuTemperatureLimit', 40, 110),
    gpuTemperatureLimit: number('gpuTemperatureLimit', 40, 110),
    staleAfterSeconds: number('staleAfterSeconds', 2, 600),
    maxConcurrentJobs: number('maxConcurrentJobs', 0, 64),
  };
  const lost = el('select', { name: 'onMonitorLost', id: 'onMonitorLost' },
    el('option', { value: 'PAUSE' }, 'Pause encodes'), el('option', { value: 'CONTINUE' }, 'Carry on'));
  const done = el('p', { class: 'message', id: 'settings-message', hidden: true, role: 'status' });
  const presets = await api('/api/settings/resources/presets');
  let current = await api('/api/settings/resources');

  const fill = (s) => {
    for (const [input, shown, value] of [[cpu, cpuShown, s.cpuThreshold], [memory, memoryShown, s.memoryThreshold], [gpu, gpuShown, s.gpuThreshold]]) {
      input.value = value; shown.textContent = `${value}%`;
    }
    if (s.priorityMode !== undefined) mode.value = s.priorityMode;
    if (s.niceLevel !== undefined) nice.value = s.niceLevel;
    nice.disabled = !me.admin || mode.value !== 'NICE';
    if (s.cpuAffinity !== undefined) affinity.value = s.cpuAffinity;
    if (s.enableThrottling !== undefined) enable.checked = s.enableThrottling;
    for (const [k, input] of Object.entries(advanced)) if (s[k] !== undefined) input.value = s[k];
    if (s.onMonitorLost !== undefined) lost.value = s.onMonitorLost;
    if (s.ignoreBatchLoad !== undefined) batch.checked = s.ignoreBatchLoad;
    if (s.releasePauseOn !== undefined) for (const [c, box] of Object.entries(release)) box.checked = s.releasePauseOn.includes(c);
  };
  const read = () => ({
    cpuThreshold: Number(cpu.value), memoryThreshold: Number(memory.value), gpuThreshold: Number(gpu.value),
    niceLevel: Number(nice.value), cpuAffinity: affinity.value.trim(), enableThrottling: enable.checked,
    ...Object.fromEntries(Object.entries(advanced).map(([k, input]) => [k, Number(input.value)])),
    onMonitorLost: lost.value, priorityMode: mode.value, ignoreBatchLoad: batch.checked,
    releasePauseOn: Object.entries(release).filter(([, box]) => box.checked).map(([c]) => c),
  });
  mode.addEventListener('change', () => { nice.disabled = mode.value !== 'NICE'; });

  const form = el('form', { class: 'stack', id: 'settings-form' },
    me.admin ? el('div', { class: 'row', id: 'presets' }, 'Quick presets:',
      presets.map((p) => el('button', { type: 'button', 'data-preset': p.name, onclick: () => fill(p) }, p.name))) : null,
    el('fieldset', {}, el('legend', {}, 'Thresholds on other programs\' load'),
      field(el('span', {}, 'CPU ', cpuShown), cpu), field(el('span', {}, 'Memory ', memoryShown), memory),
      field(el('span', {}, 'GPU ', gpuShown), gpu)),
    el('fieldset', {}, el('legend', {}, 'Encodes'),
      field('Priority', mode, 'idle: the kernel\'s idle class, in an idle cgroup where it can; nice: the nice level below only'),
      field('Nice level', nice, '0 (normal) to 19 (lowest), in nice mode'),
      field('CPU affinity', affinity, 'cores such as 0-3,6; empty for all'),
      el('label', { class: 'row' }, enable, 'Pause encodes when other programs need the machine',
        el('span', { class: 'error', id: 'enableThrottling-error' })),
      el('label', { class: 'row' }, batch,
        'Other programs\' batch work (idle class or nice 15 and up) is spare capacity, not load',
        el('span', { class: 'error', id: 'ignoreBatchLoad-error' })),
      el('div', { id: 'release-pause' }, 'End a chunked encode\'s ffmpeg (freeing its memory and GPU; the chunk is encoded again on resume) rather than stop it, when paused for:',
        el('label', { class: 'row' }, release.memory, 'other programs\' memory'),
        el('label', { class: 'row' }, release.gpu, 'other programs\' GPU use'),
        el('label', { class: 'row' }, release.window, 'a closed encoding window'),
        el('span', { class: 'error', id: 'releasePauseOn-error' }))),
    el('details', {}, el('summary', {}, 'Advanced'), el('div', { class: 'stack' },
      field('Resume margin (points below the threshold)', advanced.resumeMargin),
      field('Pause after this many hot samples', advanced.pauseAfterSamples),
      field('Resume after this many cool samples', advanced.resumeAfterSamples),
      field('CPU temperature limit (°C)', advanced.cpuTemperatureLimit),
      field('GPU temperature limit (°C)', advanced.gpuTemperatureLimit),
      field('When the monitor is lost', lost),
      field('Monitor lost after (seconds)', advanced.staleAfterSeconds),
      field('Encodes at once', advanced.maxConcurrentJobs))),
    done,
    me.admin ? el('div', {}, el('button', { class: 'primary', type: 'submit', id: 'save-settings' }, 'Save')) : null);
  if (!me.admin) {
    for (const input of form.querySelectorAll('input, select')) input.disabled = true;
    form.prepend(el('p', { class: 'muted' }, 'Only admins change settings.'));
  }
  onSubmit(form, done, async () => {
    current = await api('/api/settings/resources', { method: 'PUT', body: read() });
    fill(current);
    return 'Settings saved.';
  });
  const schedule = await schedulePanel(me);
  view.append(el('h1', {}, 'Settings'), form, el('hr'), schedule.form);
  fill(current);
  const leave = on('settings', (s) => { current = s; });
  return () => { leave(); schedule.leave(); };
}
