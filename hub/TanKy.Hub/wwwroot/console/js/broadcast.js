// "Phát ngay": zones, class, content (library clip, typed text, or a fresh recording), an extra
// confirmation for emergencies, then the delivery report updating live.
//  - emergency → POST /api/v1/emergency (audited like every emergency trigger);
//  - normal / priority → POST /api/v1/broadcasts; text becomes a clip first through
//    POST /api/v1/media/speech, a recording through POST /api/v1/media (WAV);
//  - "Tiếp sóng" → POST /api/v1/broadcasts with a relay body (normal or priority only), then its
//    live status (relay-status.js).
import { postJson, upload, problemText, strings, csrfHeaders } from './api.js';
import { watchRelay } from './relay-status.js';
import { openMicrophone, microphoneProblem, wavBlob, RATE } from './mic.js';
import { watchReport } from './report.js';
import { zonePicker } from './zone-picker.js';

const t = strings();
const form = document.getElementById('broadcast-form');
const error = document.getElementById('broadcast-error');
const confirmBox = document.getElementById('emergency-confirm');
const report = document.getElementById('report');
const stop = document.getElementById('broadcast-stop');
let recording = null;
let current = null;
let stopRelayWatch = () => {};

const value = (name) => (form.querySelector(`[name=${name}]:checked`) || form.elements[name] || {}).value;
const zones = () => [...form.querySelectorAll('[name=zones]:checked')].map((z) => z.value);

function showContent() {
  for (const el of form.querySelectorAll('[data-content]')) el.hidden = el.dataset.content !== value('content');
}
form.addEventListener('change', showContent);
showContent();
zonePicker(form);

document.getElementById('rec-start').addEventListener('click', async () => {
  error.textContent = '';
  const chunks = [];
  try {
    const state = document.getElementById('rec-state');
    const mic = await openMicrophone((c) => {
      chunks.push(c);
      state.dataset.seconds = (chunks.length * c.byteLength / 2 / RATE).toFixed(2);
    }, (l) => { document.getElementById('rec-level').value = l; });
    recording = { mic, chunks, blob: null };
    document.getElementById('rec-state').textContent = t.recording;
    document.getElementById('rec-stop').disabled = false;
  } catch (e) {
    error.textContent = microphoneProblem(e, t);
  }
});

document.getElementById('rec-stop').addEventListener('click', async () => {
  if (!recording) return;
  await recording.mic.close();
  recording.blob = wavBlob(recording.chunks, recording.mic.rate || RATE);
  const preview = document.getElementById('rec-preview');
  preview.src = URL.createObjectURL(recording.blob);
  preview.hidden = false;
  document.getElementById('rec-state').textContent = `${t.recorded} ${(recording.blob.size / 2 / RATE).toFixed(1)} s`;
  document.getElementById('rec-stop').disabled = true;
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  error.textContent = '';
  if (value('content') === 'relay' && value('class') === 'emergency') {
    error.textContent = t.relayNoEmergency;
    return;
  }
  if (value('class') === 'emergency') {
    confirmBox.hidden = false;
    confirmBox.querySelector('button').focus();
    return;
  }
  send();
});

document.getElementById('confirm-emergency').addEventListener('click', () => { confirmBox.hidden = true; send(); });
document.getElementById('cancel-emergency').addEventListener('click', () => { confirmBox.hidden = true; });

stop.addEventListener('click', async () => {
  if (!current) return;
  const url = current.emergency ? `/api/v1/emergency/${current.id}` : `/api/v1/broadcasts/${current.id}`;
  await fetch(url, { method: 'DELETE', credentials: 'same-origin', headers: csrfHeaders() });
});

async function send() {
  const cls = value('class');
  const body = { zones: zones() };
  if (body.zones.length === 0) {
    error.textContent = t.noZone;
    return;
  }
  form.querySelector('button[type=submit]').disabled = true;
  try {
    if (value('content') === 'relay') {
      await sendRelay(body, cls);
      return;
    }
    const media = await content(cls);
    if (media === null) return;
    const res = cls === 'emergency'
      ? await postJson('/api/v1/emergency', { ...body, ...media, class: 'emergency' })
      : await postJson('/api/v1/broadcasts', { ...body, media: media.media, class: cls, source: 'console' });
    if (!res.ok) {
      error.textContent = problemText(res.body, res.status);
      return;
    }
    current = { id: res.body.id, emergency: cls === 'emergency' };
    stop.hidden = false;
    watchReport(res.body.id, report, t, () => { stop.hidden = true; });
  } finally {
    form.querySelector('button[type=submit]').disabled = false;
  }
}

async function sendRelay(body, cls) {
  const source = form.elements.relaySource;
  if (!source) return;
  const relay = { source: source.value };
  if (form.elements.relayDuration.value) relay.duration = form.elements.relayDuration.value;
  if (form.elements.relayFallback.value) relay.fallback = form.elements.relayFallback.value;
  const res = await postJson('/api/v1/broadcasts', { ...body, relay, class: cls, source: 'console' });
  if (!res.ok) {
    error.textContent = problemText(res.body, res.status);
    return;
  }
  current = { id: res.body.id, emergency: false };
  stop.hidden = false;
  stopRelayWatch();
  stopRelayWatch = watchRelay(res.body.id, t);
  watchReport(res.body.id, report, t, () => { stop.hidden = true; });
}

// {media} or, for an emergency, {text} (the emergency API speaks it itself); null after an error.
async function content(cls) {
  switch (value('content')) {
    case 'clip':
      return { media: value('media') };
    case 'text': {
      const text = form.elements.text.value;
      if (cls === 'emergency') return { text };
      const res = await postJson('/api/v1/media/speech', { text });
      if (!res.ok) { error.textContent = problemText(res.body, res.status); return null; }
      return { media: res.body.id };
    }
    default: {
      if (!recording || !recording.blob) { error.textContent = t.noRecording; return null; }
      const data = new FormData();
      data.append('file', recording.blob, 'ghi-am.wav');
      data.append('title', `${t.recordingTitle} ${new Date().toLocaleString('vi-VN')}`);
      const res = await upload('/api/v1/media', data, null);
      if (!res.ok) { error.textContent = problemText(res.body, res.status); return null; }
      return { media: res.body.id };
    }
  }
}
