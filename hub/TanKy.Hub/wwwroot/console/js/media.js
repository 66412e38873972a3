// Media library page: upload a WAV/MP3 with a progress bar to POST /api/v1/media; a refused file
// shows the library's reason (too large, not audio, silent…); an accepted one is listed at once.
import { upload, problemText, strings } from './api.js';

const t = strings();
const form = document.getElementById('upload-form');
const bar = document.getElementById('upload-progress');
const percent = document.getElementById('upload-percent');
const error = document.getElementById('upload-error');
const table = document.querySelector('#media-table tbody');

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  const data = new FormData(form);
  if (!data.get('file') || !data.get('file').size) {
    error.textContent = t.noFile || 'Choose a file';
    return;
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  const show = (f) => { bar.value = Math.round(f * 100); percent.textContent = `${bar.value}%`; };
  show(0);
  const res = await upload('/api/v1/media', data, show);
  button.disabled = false;
  if (!res.ok) {
    error.textContent = problemText(res.body, res.status);
    return;
  }
  show(1);
  table.prepend(row(res.body));
  form.reset();
});

function row(m) {
  const tr = document.createElement('tr');
  tr.dataset.media = m.id;
  const cells = [m.id, m.title, `${(m.durationMs / 1000).toFixed(1)} s`, `${m.loudnessLufsAfter.toFixed(1)} LUFS`, m.uploadedBy];
  for (const v of cells) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  return tr;
}
