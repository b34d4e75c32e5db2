// The space saved: the dashboard's card (totals) and its chart of the last days' savings.
import { api } from './api.js';
import { el, pct, bytes } from './format.js';

export const DAYS = 30;
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  node.append(...children);
  return node;
}

/** "2.0 GiB saved (67%) over 1 file: …" for GET /api/stats. */
export function totals(s) {
  const share = s.inputBytes ? ` (${pct((100 * s.savedBytes) / s.inputBytes)})` : '';
  return `${bytes(s.savedBytes)} saved${share} over ${s.filesDone} file${s.filesDone === 1 ? '' : 's'}: ` +
    `${bytes(s.inputBytes)} before, ${bytes(s.outputBytes)} after; ` +
    `${s.encodeHours.toFixed(1)} h encoding, ${s.pausedHours.toFixed(1)} h paused`;
}

/** One bar per day, as tall as that day's saving against the best day; a title tells each. */
function bars(days) {
  const width = 600, height = 120, gap = 2;
  const most = Math.max(1, ...days.map((d) => d.savedBytes));
  const step = width / days.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 16}`, role: 'img', class: 'days',
    'aria-label': `Space saved on each of the last ${days.length} days` });
  days.forEach((d, i) => {
    const h = d.savedBytes > 0 ? Math.max(2, (height * d.savedBytes) / most) : 0;
    const label = `${d.day}: ${bytes(Math.max(0, d.savedBytes))} saved over ${d.filesDone} file${d.filesDone === 1 ? '' : 's'}`;
    chart.append(svg('rect', { class: 'day', x: i * step + gap / 2, y: height - h, width: step - gap, height: h,
      'data-day': d.day, 'data-saved': d.savedBytes, 'data-files': d.filesDone }, svg('title', {}, label)));
  });
  chart.append(svg('text', { x: 0, y: height + 14, class: 'axis' }, days[0].day),
    svg('text', { x: width, y: height + 14, class: 'axis', 'text-anchor': 'end' }, days[days.length - 1].day));
  return chart;
}

/** Fills the card and the chart from the server; called again when a job completes. */
export async function showSaved(card, chartBox) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [s, days] = await Promise.all([api('/api/stats'),
    api(`/api/stats/days?days=${DAYS}${zone ? `&zone=${encodeURIComponent(zone)}` : ''}`)]);
  card.textContent = totals(s);
  const best = days.reduce((a, d) => (d.savedBytes > a.savedBytes ? d : a), days[0]);
  chartBox.replaceChildren(bars(days), el('p', { class: 'muted', id: 'best-day' },
    best.savedBytes > 0 ? `Best day ${best.day}: ${bytes(best.savedBytes)} saved` : 'Nothing saved in these days yet'));
}
