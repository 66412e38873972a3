// The live delivery report of one broadcast: polls GET /api/v1/broadcasts/{id} every second
// (small JSON; SSE would hold a connection per phone for little gain) until it has ended and
// every speaker has reported its end.
import { getJson } from './api.js';

const FINAL = ['finished', 'cancelled', 'failed'];

// The partial _DeliveryReport.cshtml carries its own strings, so every page that shows a report
// (broadcast now, push-to-talk, history) words it the same way.
function reportStrings(t) {
  const el = document.getElementById('report-strings');
  return { ...(el ? JSON.parse(el.textContent) : {}), ...t };
}

// "Đã phát 2/2 · xong 1 · đã dừng 1 …": a stopped speaker is counted as stopped, not as finished.
function summary(r, t) {
  const stopped = r.stopped || 0;
  const parts = [`${t.played || 'played'} ${r.started}/${r.targeted}`];
  if (r.finished - stopped > 0 || stopped === 0) parts.push(`${t.finished || 'finished'} ${r.finished - stopped}`);
  if (stopped > 0) parts.push(`${t.stopped || 'stopped'} ${stopped}`);
  parts.push(`${t.pending || 'pending'} ${r.pending}`, `${t.offline || 'offline'} ${r.offlineAtStart}`, `${t.failed || 'failed'} ${r.failed}`);
  return parts.join(' · ');
}

// One speaker's row: display names (ids stay in data-* for scripts and tests); a count still
// running while the speaker plays is marked as the hub's estimate ("≈").
function row(n, t) {
  const tr = document.createElement('tr');
  tr.dataset.device = n.deviceId;
  tr.dataset.zone = n.zone;
  tr.dataset.outcome = n.outcome;
  tr.dataset.frames = String(n.framesPlayed);
  const frames = n.framesLive ? `≈ ${n.framesPlayed}` : String(n.framesPlayed);
  const cells = [n.deviceName || n.deviceId, n.zoneName || n.zone, t['outcome.' + n.outcome] || n.outcome, frames];
  for (const v of cells) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  if (n.framesLive) tr.lastChild.title = t.estimated || '';
  return tr;
}

export function watchReport(id, root, pageStrings, onDone) {
  const t = reportStrings(pageStrings);
  let timer = null;
  let settling = 0;
  const render = (d) => {
    const b = d.broadcast, r = d.delivery;
    root.hidden = false;
    root.dataset.status = b.status;
    root.dataset.broadcast = b.id;
    root.querySelector('[data-field=id]').textContent = b.id;
    const title = root.querySelector('[data-field=title]');
    if (title) title.textContent = b.title ? `«${b.title}»` : '';
    root.querySelector('[data-field=status]').textContent = (t['status.' + b.status] || b.status);
    root.querySelector('[data-field=summary]').textContent = summary(r, t);
    root.querySelector('tbody').replaceChildren(...r.nodes.map((n) => row(n, t)));
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
