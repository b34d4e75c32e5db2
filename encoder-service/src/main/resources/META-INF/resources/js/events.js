// The one live stream (/api/events): named events handed to whichever page listens, and the
// header's live/reconnecting indicator. EventSource reconnects by itself after an error. Events
// sent while no stream was open are lost, so pages read the state again on 'open'.
const listeners = new Map();
let source;

export function on(name, handler) {
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name).add(handler);
  return () => listeners.get(name).delete(handler);
}

export function connect(indicator) {
  const show = (live) => {
    indicator.textContent = live ? 'live' : 'reconnecting';
    indicator.classList.toggle('on', live);
  };
  source = new EventSource('/api/events', { withCredentials: true });
  source.onopen = () => {
    show(true);
    for (const handler of listeners.get('open') || []) handler();
  };
  source.onerror = () => {
    show(false);
    // A refused reconnect (the encoder restarting, a lost session) closes it for good: start over.
    if (source.readyState === EventSource.CLOSED) setTimeout(() => connect(indicator), 3000);
  };
  for (const name of ['snapshot', 'job', 'throttle', 'settings', 'schedule']) {
    source.addEventListener(name, (e) => {
      show(true);
      const data = JSON.parse(e.data);
      for (const handler of listeners.get(name) || []) handler(data);
    });
  }
}
