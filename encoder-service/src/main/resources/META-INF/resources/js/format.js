// Formatting and the dashboard's status words, shared by every page.
export const pct = (v) => (v === null || v === undefined ? 'N/A' : `${Math.round(v)}%`);

/** Normal below 75 %, Elevated from 75 to 90 %, High above 90 %. */
export function level(percent) {
  if (percent === null || percent === undefined) return { word: 'N/A', css: '' };
  if (percent > 90) return { word: 'High', css: 'high' };
  if (percent >= 75) return { word: 'Elevated', css: 'elevated' };
  return { word: 'Normal', css: 'normal' };
}

export function bytes(n) {
  if (n === null || n === undefined) return 'N/A';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export const rate = (n) => (n === null || n === undefined ? 'N/A' : `${bytes(n)}/s`);

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  seconds = Math.round(seconds);
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** Creates an element: el('td', { class: 'x' }, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}
