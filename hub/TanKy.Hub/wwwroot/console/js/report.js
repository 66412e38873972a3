// The live delivery report of one broadcast: polls GET /api/v1/broadcasts/{id} every second
// (small JSON; SSE would hold a connection per phone for little gain) until it has ended and
// every speaker has reported its end.
import { getJson } from './api.js';

const FINAL = ['finished', 'cancelled', 'failed'];

export function watchReport(id, root, t, onDone) {
  let timer = null;
  let settling = 0;
  const render = (d) => {
    const b = d.broadcast, r = d.delivery;
    root.hidden = false;
    root.dataset.status = b.status;
    root.querySelector('[data-field=id]').textContent = b.id;
    root.querySelector('[data-field=status]').textContent = (t['status.' + b.status] || b.status);
    root.querySelector('[data-field=summary]').textContent =
      `${t.played || 'played'} ${r.started}/${r.targeted} · ${t.finished || 'finished'} ${r.finished} · ` +
      `${t.pending || 'pending'} ${r.pending} · ${t.offline || 'offline'} ${r.offlineAtStart} · ${t.failed || 'failed'} ${r.failed}`;
    const body = root.querySelector('tbody');
    body.replaceChildren(...r.nodes.map((n) => {
      const tr = document.createElement('tr');
      tr.dataset.device = n.deviceId;
      tr.dataset.outcome = n.outcome;
      for (const v of [n.deviceId, n.zone, t['outcome.' + n.outcome] || n.outcome, String(n.framesPlayed)]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      return tr;
    }));
    root.dataset.framesPlayed = String(r.nodes.reduce((s, n) => s + n.framesPlayed, 0));
    // Speakers report their end a moment after the broadcast's: keep asking until each has
    // (or for half a minute, for a speaker that went silent mid-stream).
    if (!FINAL.includes(b.status)) return false;
    settling += 1;
    return settling > 30 || r.nodes.every((n) => n.outcome !== 'pending' && n.outcome !== 'started');
  };
  const tick = async () => {
    const res = await getJson(`/api/v1/broadcasts/${encodeURIComponent(id)}`);
    // 403/404 will not change by asking again; a network blip or a 5xx might.
    const done = res.ok ? render(res.body) : res.status >= 400 && res.status < 500;
    if (!done) timer = setTimeout(tick, 1000);
    else if (onDone) onDone();
  };
  tick();
  return () => clearTimeout(timer);
}
