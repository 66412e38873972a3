// "Lịch sử phát": each row opens its delivery report (the same partial and script as the live
// report) and plays its archived Ogg Opus recording in one shared player.
import { strings } from './api.js';
import { watchReport } from './report.js';

const t = strings();
const report = document.getElementById('report');
const box = document.getElementById('history-player-box');
const player = document.getElementById('history-player');
const title = document.getElementById('history-player-title');
let stopWatching = null;

document.getElementById('history').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-id]');
  if (!button) return;
  const id = button.dataset.id;
  if (button.classList.contains('open-report')) {
    if (stopWatching) stopWatching();
    stopWatching = watchReport(id, report, t, null);
    report.scrollIntoView({ behavior: 'smooth', block: 'start' });
    return;
  }
  box.hidden = false;
  title.textContent = button.dataset.title;
  player.dataset.broadcast = id;
  player.src = `/history/recording/${encodeURIComponent(id)}`;
  // A click is a user gesture, so the browser lets it play; a refusal is shown, not thrown.
  player.play().catch((err) => { title.textContent = `${button.dataset.title} — ${t.playError || 'cannot play'}: ${err.message}`; });
});
