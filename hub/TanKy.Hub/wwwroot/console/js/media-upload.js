// Upload of one file to POST /api/v1/media as a background import (Prefer: respond-async), in
// phases the media page shows: 'sending' with a fraction, 'processing' once every byte has left the
// browser (the hub is reading the form and staging the file), then the job the hub answers with.
// Why a job even for a small file: the import then belongs to the hub, not to this request, so
// leaving the page while it is processing does not cancel it (issue #17: the clip was lost).
import { csrfHeaders, getJson } from './api.js';

export function sendForImport(form, onPhase) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/media');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Prefer', 'respond-async');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onPhase('sending', e.loaded / e.total); };
    xhr.upload.onload = () => onPhase('processing', 1);
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, body: {} });
    xhr.send(form);
  });
}

// Polls a background import until it ends; onJob sees every state. Resolves the last job, or
// null when the hub no longer knows it (a restart forgets jobs).
export async function followImport(job, onJob, intervalMs = 500) {
  for (;;) {
    onJob(job);
    if (job.state === 'done' || job.state === 'refused' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, intervalMs));
    const res = await getJson(job.location);
    if (!res.ok) return null;
    job = res.body;
  }
}
