// Media library page. Upload states: the bar while the bytes go up; "Đang xử lý…" with the hub's
// import state once they are all sent; then "Đã lưu: «title»" (the clip is added to the list) or
// "Không lưu được tệp này: <reason in Vietnamese>", and then the bar is cleared so a refused file
// never sits at 100 % looking done. Leaving the page mid-upload or mid-processing asks first
// (beforeunload); after the upload the import is the hub's job and finishes anyway, which the page
// says, and the uploader's recent jobs are listed (and followed) when the page is opened again.
import { strings } from './api.js';
import { sendForImport, followImport } from './media-upload.js';

const t = strings();
const form = document.getElementById('upload-form');
const table = document.querySelector('#media-table tbody');
let busy = false;

window.addEventListener('beforeunload', (e) => {
  if (!busy) return;
  e.preventDefault();
  e.returnValue = '';
});

if (form) {
  const bar = document.getElementById('upload-progress');
  const percent = document.getElementById('upload-percent');
  const status = document.getElementById('upload-status');
  const note = document.getElementById('upload-note');
  const error = document.getElementById('upload-error');
  const button = document.getElementById('upload-submit');

  const show = (state, text) => { status.dataset.state = state; status.textContent = text; };
  const progress = (f) => { bar.value = Math.round(f * 100); percent.textContent = `${bar.value}%`; };
  const clearBar = () => { bar.value = 0; percent.textContent = ''; };
  const refuse = (code, fallback) => {
    clearBar();
    note.hidden = true;
    show('refused', '');
    error.textContent = t.refused.replace('{reason}', t.reasons[code] || fallback || t.reasons.failed);
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    if (!data.get('file') || !data.get('file').size) {
      error.textContent = t.noFile;
      return;
    }
    busy = true;
    button.disabled = true;
    progress(0);
    show('sending', t.sending);
    try {
      const res = await sendForImport(data, (phase, f) => {
        progress(f);
        if (phase === 'processing') show('processing', t.processing);
      });
      if (res.status === 0) {
        clearBar();
        show('failed', '');
        error.textContent = t.network;
      } else if (!res.ok) {
        refuse(res.body.code, res.body.title);
      } else if (res.status === 202) {
        progress(1);
        show('processing', t.processing);
        note.hidden = false;
        const end = await followImport(res.body, (job) => { if (!isEnd(job)) show('processing', processingText(job)); });
        note.hidden = true;
        finish(end, { show, refuse, clearBar, form });
      } else {
        saved(res.body, false, show, form);
      }
    } finally {
      busy = false;
      button.disabled = false;
    }
  });

  // Jobs of this uploader the server listed (still processing when the page was left, or just ended).
  for (const li of document.querySelectorAll('#imports li[data-job]')) {
    const state = li.dataset.state;
    if (state !== 'queued' && state !== 'running') continue;
    const text = li.querySelector('.import-text');
    followImport({ state, location: li.dataset.job }, (job) => {
      if (!job.id) return;
      li.dataset.state = job.state;
      text.textContent = jobText(job);
      if (job.state === 'done' && job.media && !job.duplicate && !table.querySelector(`tr[data-media="${job.media.id}"]`)) addRow(job.media);
    }, 1000).then((end) => { if (end === null) { li.dataset.state = 'lost'; text.textContent = t.lost; } });
  }
}

function isEnd(job) { return job.state === 'done' || job.state === 'refused' || job.state === 'failed'; }

function processingText(job) { return `${t.processing} ${job.state === 'queued' ? t.queued : t.running}`; }

function jobText(job) {
  if (job.state === 'done') return (job.duplicate ? t.duplicate : t.saved).replace('{title}', (job.media && job.media.title) || job.title);
  if (job.state === 'refused' || job.state === 'failed') {
    const code = job.error && job.error.code;
    return t.refused.replace('{reason}', t.reasons[code] || t.reasons.failed);
  }
  return processingText(job);
}

function finish(job, ui) {
  if (job === null) {
    ui.clearBar();
    ui.show('lost', t.lost);
  } else if (job.state === 'done') {
    saved(job.media, job.duplicate, ui.show, ui.form);
  } else {
    ui.refuse(job.error && job.error.code, job.error && job.error.message);
  }
}

function saved(media, duplicate, show, form) {
  show('saved', (duplicate ? t.duplicate : t.saved).replace('{title}', media.title));
  if (!duplicate && media.kind !== 'speech' && !table.querySelector(`tr[data-media="${media.id}"]`)) addRow(media);
  form.reset();
}

function addRow(m) {
  const labels = [...document.querySelectorAll('#media-table thead th')].map((th) => th.textContent);
  const tr = document.createElement('tr');
  tr.dataset.media = m.id;
  const cells = [m.title, duration(m.durationMs), uploaded(m.uploadedAt), t.normalised, m.uploadedBy];
  cells.forEach((v, i) => {
    const td = document.createElement('td');
    td.textContent = v;
    td.dataset.label = labels[i] || '';
    tr.append(td);
  });
  table.prepend(tr);
  table.closest('table').hidden = false;
  const empty = document.getElementById('media-empty');
  if (empty) empty.hidden = true;
}

// Same rule as the page (ClipFormat.Duration): whole seconds, at least one, largest non-zero units.
function duration(ms) {
  const total = ms <= 0 ? 0 : Math.max(1, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const key = h > 0 ? (m > 0 ? 'dur.hm' : 'dur.h') : m > 0 ? (s > 0 ? 'dur.ms' : 'dur.m') : 'dur.s';
  return t[key].replace('{h}', h).replace('{m}', m).replace('{s}', s);
}

// "07/12/2026 14:05" in the commune's time, whatever the browser's zone.
function uploaded(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
