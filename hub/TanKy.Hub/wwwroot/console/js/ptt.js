// Push-to-talk: while the button is held, the microphone streams PCM16 over the /api/v1/live
// WebSocket (first {format:"pcm16", rate}, then binary chunks). The hub puts it on the air with
// the first audio and answers {status:"on-air", id}; releasing sends {op:"stop"} and closes.
import { strings } from './api.js';
import { openMicrophone } from './mic.js';
import { watchReport } from './report.js';

const t = strings();
const button = document.getElementById('ptt');
const state = document.getElementById('ptt-state');
const meter = document.getElementById('ptt-level');
const error = document.getElementById('ptt-error');
const report = document.getElementById('report');
const confirm = document.getElementById('ptt-confirm');
const httpsNeeded = document.getElementById('ptt-https');
let session = null;

// Browsers give the microphone only to secure pages: https://, or http:// on localhost/127.0.0.1.
// A phone on http://tanky-hub.lan has no navigator.mediaDevices at all; say why and where to go.
function microphoneAllowed() {
  return window.isSecureContext && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

function showHttpsNeeded() {
  httpsNeeded.hidden = false;
  button.disabled = true;
  error.textContent = '';
}

// The reason in words, never the browser's error name (NotAllowedError, no-microphone…).
function micProblem(err) {
  if (err && err.name === 'NotAllowedError') return t.micDenied;
  if (err && (err.name === 'NotFoundError' || err.name === 'OverconstrainedError')) return t.micMissing;
  return t.micError;
}

function setState(name) {
  document.body.dataset.ptt = name;
  button.dataset.state = name;
  state.textContent = t['ptt.' + name] || name;
}

function params() {
  const zones = [...document.querySelectorAll('[name=zones]:checked')].map((z) => z.value);
  const cls = (document.querySelector('[name=class]:checked') || {}).value || 'priority';
  return { zones, cls };
}

async function press(e) {
  e.preventDefault();
  if (session) return;
  error.textContent = '';
  if (!microphoneAllowed()) { showHttpsNeeded(); return; }
  const { zones, cls } = params();
  if (zones.length === 0) { error.textContent = t.noZone; return; }
  if (cls === 'emergency' && confirm && !confirm.checked) { error.textContent = t.confirmFirst; return; }
  const s = { ready: false, queue: [], released: false, ws: null, mic: null, stopReport: null };
  session = s;
  setState('connecting');
  try {
    s.mic = await openMicrophone((chunk) => {
      if (s.ready && s.ws.readyState === WebSocket.OPEN) s.ws.send(chunk);
      else s.queue.push(chunk);
    }, (level) => { meter.value = level; });
  } catch (err) {
    error.textContent = micProblem(err);
    session = null;
    setState('idle');
    return;
  }
  if (s.released) { await end(s); return; }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  s.ws = new WebSocket(`${scheme}://${location.host}/api/v1/live?zones=${encodeURIComponent(zones.join(','))}&class=${cls}`);
  s.ws.binaryType = 'arraybuffer';
  s.ws.onopen = () => s.ws.send(JSON.stringify({ format: 'pcm16', rate: s.mic.rate }));
  s.ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.status === 'ready') {
      s.ready = true;
      s.queue.splice(0).forEach((c) => s.ws.send(c));
    } else if (msg.status === 'on-air') {
      setState('on-air');
      report.dataset.broadcast = msg.id;
      s.stopReport = watchReport(msg.id, report, t);
    }
  };
  s.ws.onclose = (c) => {
    // The hub closes with a short code (timeout, bad-format…): said in words, never shown raw.
    if (c.code !== 1000 && c.code !== 1005 && !s.released && !error.textContent) error.textContent = t['liveReason.' + c.reason] || t.liveClosed;
    if (session === s) end(s);
  };
  s.ws.onerror = () => { error.textContent = t.liveRefused; };
}

async function release() {
  const s = session;
  if (!s) return;
  s.released = true;
  if (s.mic) await end(s);
}

async function end(s) {
  if (session === s) session = null;
  if (s.ws && s.ws.readyState === WebSocket.OPEN) {
    s.ws.send(JSON.stringify({ op: 'stop' }));
    s.ws.close(1000, 'released');
  }
  if (s.mic) { const mic = s.mic; s.mic = null; await mic.close(); }
  meter.value = 0;
  setState('idle');
}

button.addEventListener('pointerdown', press);
button.addEventListener('pointerup', release);
button.addEventListener('pointerleave', release);
button.addEventListener('pointercancel', release);
button.addEventListener('contextmenu', (e) => e.preventDefault());
button.addEventListener('keydown', (e) => { if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) press(e); });
button.addEventListener('keyup', (e) => { if (e.key === ' ' || e.key === 'Enter') release(); });
setState('idle');
if (!microphoneAllowed()) showHttpsNeeded();
