// Media library page: upload a WAV/MP3 with a progress bar to POST /api/v1/media; a refused file
// shows the library's reason (too large, not audio, silent…); an accepted one is listed at once.
// A large file is imported in the background (202 + job): the page polls the job and shows its
// state (queued, processing, done, refused) until it ends.
import { upload, getJson, problemText, strings } from './api.js';

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
  if (res.status === 202) {
    form.reset();
    await follow(res.body);
    return;
  }
  table.prepend(row(res.body));
  form.reset();
});

const status = document.getElementById('upload-status');

// Polls a background import every second until it is done, refused or failed.
async function follow(job) {
  for (;;) {
    status.textContent = `${job.fileName}: ${job.stateText || job.state}`;
    if (job.state === 'done') {
      if (job.media && !job.duplicate) table.prepend(row(job.media));
      return;
    }
    if (job.state === 'refused' || job.state === 'failed') {
      error.textContent = job.error ? [job.error.message, job.error.detail, `(${job.error.code})`].filter(Boolean).join(' — ') : job.state;
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
    const res = await getJson(job.location);
    if (!res.ok) {
      error.textContent = problemText(res.body, res.status);
      return;
    }
    job = res.body;
  }
}

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
