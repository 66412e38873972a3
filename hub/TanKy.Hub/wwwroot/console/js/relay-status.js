// "Tiếp sóng" status on the Phát ngay page: polls GET /api/v1/broadcasts/{id}/relay-status every
// 2 s while the relay runs (receiving, output level, dropouts, fallback switches, what airs now),
// and stops polling once the hub says it ended.
import { getJson } from './api.js';

export function watchRelay(id, t) {
  const box = document.getElementById('relay-status');
  if (!box) return () => {};
  box.hidden = false;
  const set = (el, text) => { document.getElementById(el).textContent = text; };
  let timer = null;
  let stopped = false;

  async function poll() {
    const res = await getJson(`/api/v1/broadcasts/${encodeURIComponent(id)}/relay-status`);
    if (stopped) return;
    if (res.ok) {
      const s = res.body;
      const receiving = s.feed ? s.feed.receiving : false;
      set('relay-receiving', receiving ? t.relayReceiving : t.relayNoSignal);
      box.dataset.receiving = String(receiving);
      const level = s.outputLevelDbfs;
      set('relay-level', level == null ? '–' : `${level.toFixed(1)} dBFS`);
      document.getElementById('relay-meter').value = level == null ? -60 : Math.max(-60, level);
      set('relay-dropouts', String(s.counts.dropouts));
      set('relay-fallbacks', String(s.counts.fallbackSwitches));
      const seconds = Math.round(s.counts.relayedSeconds);
      set('relay-relayed', `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`);
      set('relay-mode', t[`relayMode.${s.mode}`] || s.mode);
      if (!s.running) return;
    }
    timer = setTimeout(poll, 2000);
  }

  poll();
  return () => { stopped = true; if (timer) clearTimeout(timer); };
}
