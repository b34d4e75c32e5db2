// Live resources: cards with a status word, per-core bars, disk and network, temperatures, the
// governor's state, how encodes are placed (with the warning and fix where they would compete at
// equal weight), and a history chart with the thresholds and the paused periods.
import { api } from './api.js';
import { on } from './events.js';
import { el, pct, level, rate, bytes } from './format.js';
import { DAYS, showSaved } from './saved.js';

const MINUTES = 10;

function card(id, title) {
  return el('section', { class: 'card', id },
    el('h2', {}, title),
    el('div', { class: 'value' }, 'N/A'),
    el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 }, el('span')),
    el('p', {}, el('span', { class: 'level' }, ''), ' ', el('span', { class: 'muted detail' }, '')));
}

function setCard(node, percent, detail) {
  const l = level(percent);
  node.querySelector('.value').textContent = pct(percent);
  const bar = node.querySelector('.bar');
  bar.className = `bar ${l.css}`;
  bar.setAttribute('aria-valuenow', percent ?? 0);
  bar.firstChild.style.width = `${percent ?? 0}%`;
  const word = node.querySelector('.level');
  word.textContent = l.word;
  word.className = `level ${l.css}`;
  node.querySelector('.detail').textContent = detail;
}

export async function dashboard(view) {
  const cpu = card('cpu-card', 'CPU');
  const memory = card('memory-card', 'Memory');
  const gpu = card('gpu-card', 'GPU');
  const cores = el('div', { class: 'cores', id: 'cores' });
  cpu.append(cores);
  const facts = el('dl', { class: 'facts', id: 'facts' });
  const throttle = el('p', { id: 'throttle' }, '');
  const placement = el('div', { id: 'placement' });
  const saved = el('p', { id: 'saved' }, '');
  const chartBox = el('div', { class: 'chart', id: 'history' });
  const savedDays = el('div', { id: 'saved-days' });
  view.append(
    el('h1', {}, 'Dashboard'),
    el('div', { class: 'grid' }, cpu, memory, gpu),
    el('div', { class: 'grid' },
      el('section', { class: 'card' }, el('h2', {}, 'Machine'), facts),
      el('section', { class: 'card' }, el('h2', {}, 'Governor'), throttle, placement),
      el('section', { class: 'card', id: 'saved-card' }, el('h2', {}, 'Space saved'), saved)),
    el('section', { class: 'card' }, el('h2', {}, `Last ${MINUTES} minutes`), chartBox),
    el('section', { class: 'card' }, el('h2', {}, `Space saved, last ${DAYS} days`), savedDays));

  let paused = false;
  let limits = await api('/api/settings/resources');

  function showSnapshot(s) {
    const gpus = s.gpus || [];
    setCard(cpu, s.cpu.usagePercent, `${s.cpu.logicalCores} cores` +
      (s.cpu.loadAverage1m == null ? '' : `, load ${s.cpu.loadAverage1m.toFixed(2)}`));
    setCard(memory, s.memory.usedPercent, `${bytes(s.memory.usedBytes)} of ${bytes(s.memory.totalBytes)}`);
    const busiest = gpus.length ? Math.max(...gpus.map((g) => g.utilizationPercent ?? 0)) : null;
    setCard(gpu, busiest, gpus.length ? gpus.map((g) => g.name).join(', ') : 'no GPU');
    cores.replaceChildren(...s.cpu.perCorePercent.map((p, i) =>
      el('div', {}, el('small', {}, `#${i} ${pct(p)}`),
        el('div', { class: `bar ${level(p).css}` }, el('span', { style: `width:${p}%` })))));
    const temps = [s.cpu.temperatureCelsius == null ? null : `CPU ${Math.round(s.cpu.temperatureCelsius)} °C`,
      ...gpus.filter((g) => g.temperatureCelsius != null).map((g) => `GPU ${g.index} ${Math.round(g.temperatureCelsius)} °C`)]
      .filter(Boolean);
    facts.replaceChildren(
      el('dt', {}, 'Host'), el('dd', {}, s.host),
      el('dt', {}, 'Disk'), el('dd', { id: 'disk' }, `read ${rate(s.disk.readBytesPerSecond)}, write ${rate(s.disk.writeBytesPerSecond)}`),
      el('dt', {}, 'Network'), el('dd', { id: 'network' }, `in ${rate(s.network.receivedBytesPerSecond)}, out ${rate(s.network.sentBytesPerSecond)}`),
      el('dt', {}, 'Temperatures'), el('dd', { id: 'temperatures' }, temps.length ? temps.join(', ') : 'not reported'));
  }

  // What protects the machine: the server judges it; a warning comes with its fix.
  function showPlacement(p) {
    if (!p) return;
    const words = { IDLE_CGROUP: 'Idle cgroup', AUTOGROUP: 'Own autogroup at nice 19', IDLE_CLASS: 'Idle class',
      NICE_LEVEL: 'Nice level', EQUAL_WEIGHT: 'Competes at equal weight', CONTAINER: 'In a container' };
    placement.replaceChildren(
      el('p', {}, el('span', { class: 'muted' }, 'Placement: '),
        el('span', { class: `level ${p.warning ? 'high' : 'normal'}`, id: 'placement-protection' }, words[p.protection] || p.protection),
        el('span', { class: 'muted', id: 'placement-summary' }, ` — ${p.summary}`)),
      p.warning ? el('p', { class: 'message bad', id: 'placement-warning', role: 'status' },
        `Encodes may slow other programs: ${p.warning}. Fix: ${p.fix}.`) : '');
  }

  function showThrottle(t) {
    // The server says which states hold encodes, as its history does for each point.
    paused = t.held;
    const words = { RUNNING: 'Running', THROTTLED: 'Holding encodes', MONITOR_LOST: 'Monitor lost',
      OUTSIDE_WINDOW: 'Outside the encoding windows', DISABLED: 'Throttling off' };
    throttle.replaceChildren(el('span', { class: 'state' }, words[t.state] || t.state),
      t.idleSince ? el('span', { class: 'idle' }, ' (machine idle: idle thresholds)') : '',
      t.reasons && t.reasons.length ? el('span', { class: 'muted' }, ` — ${t.reasons.join('; ')}`) : '');
  }

  // History: CPU, memory and GPU with their thresholds; paused periods shaded.
  const history = await api(`/api/resources/history?minutes=${MINUTES}`);
  const data = [[], [], [], [], []];
  const pausedAt = [];
  const push = (p) => {
    data[0].push(new Date(p.at).getTime() / 1000);
    data[1].push(p.cpuPercent); data[2].push(p.memoryPercent); data[3].push(p.gpuPercent);
    data[4].push(null);
    pausedAt.push(p.throttled);
    const oldest = data[0][data[0].length - 1] - MINUTES * 60;
    while (data[0].length && data[0][0] < oldest) { data.forEach((d) => d.shift()); pausedAt.shift(); }
  };
  history.forEach(push);
  const css = getComputedStyle(document.documentElement);
  const colour = (name) => css.getPropertyValue(name).trim();
  const thresholdLines = (u) => {
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = colour('--shade');
    for (let i = 0; i < data[0].length; i++) {
      if (!pausedAt[i]) continue;
      const x0 = u.valToPos(data[0][i] - 1, 'x', true), x1 = u.valToPos(data[0][i], 'x', true);
      ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
    }
    ctx.setLineDash([6, 4]);
    for (const [value, name] of [[limits.cpuThreshold, '--accent'], [limits.memoryThreshold, '--green'], [limits.gpuThreshold, '--yellow']]) {
      const y = u.valToPos(value, 'y', true);
      ctx.strokeStyle = colour(name);
      ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke();
    }
    ctx.restore();
  };
  let chart = null;
  if (window.uPlot) {
    chart = new uPlot({
      width: Math.max(280, chartBox.clientWidth), height: 220,
      scales: { y: { range: [0, 100] } },
      series: [{}, { label: 'CPU %', stroke: colour('--accent') }, { label: 'Memory %', stroke: colour('--green') },
        { label: 'GPU %', stroke: colour('--yellow') }, { show: false }],
      axes: [{ stroke: colour('--muted') }, { stroke: colour('--muted') }],
      hooks: { draw: [thresholdLines] },
    }, data, chartBox);
  }
  const resize = () => chart && chart.setSize({ width: Math.max(280, chartBox.clientWidth), height: 220 });
  window.addEventListener('resize', resize);

  try { showSnapshot((await api('/api/resources/current')).snapshot); } catch (e) { /* no snapshot yet */ }
  await showSaved(saved, savedDays);
  const thresholds = await api('/api/resources/thresholds');
  showThrottle(thresholds);
  showPlacement(thresholds.placement);

  const off = [
    on('snapshot', (s) => {
      showSnapshot(s);
      const gpus = s.gpus || [];
      push({ at: s.timestamp, cpuPercent: s.cpu.usagePercent, memoryPercent: s.memory.usedPercent,
        gpuPercent: gpus.length ? Math.max(...gpus.map((g) => g.utilizationPercent ?? 0)) : null, throttled: paused });
      if (chart) chart.setData(data);
    }),
    on('throttle', showThrottle),
    // A change while the stream was (re)connecting came as no event: read the state again.
    on('open', async () => {
      const t = await api('/api/resources/thresholds');
      showThrottle(t);
      showPlacement(t.placement);
    }),
    // A new priority mode changes what protects the machine: the report is read again.
    on('settings', async (s) => {
      limits = s;
      if (chart) chart.redraw();
      showPlacement((await api('/api/resources/thresholds')).placement);
    }),
    on('job', (j) => { if (j.event === 'COMPLETED') showSaved(saved, savedDays); }),
  ];
  return () => { off.forEach((f) => f()); window.removeEventListener('resize', resize); if (chart) chart.destroy(); };
}
