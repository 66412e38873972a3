// fetch/XHR helpers for the programme, broadcast and push-to-talk pages: the antiforgery
// token travels in a header (cookie-authenticated /api calls need it), problems come back as text.
// The layout's app.js (tk.csrf) reads the page's antiforgery token; the hub wants it as X-CSRF-TOKEN.
export function csrfHeaders() {
  return { 'X-CSRF-TOKEN': window.tk.csrf() };
}

export function strings() {
  const el = document.getElementById('page-strings');
  return el ? JSON.parse(el.textContent) : {};
}

export async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
    body: JSON.stringify(body),
  });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
}

export async function getJson(url) {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
}

// A problem+json answer as one line: title, detail, and the list of problems when there is one.
export function problemText(body, status) {
  if (!body || typeof body !== 'object') return `HTTP ${status}`;
  const parts = [body.title, body.detail].filter(Boolean);
  if (Array.isArray(body.problems) && body.problems.length) parts.push(body.problems.join('; '));
  if (body.code) parts.push(`(${body.code})`);
  return parts.length ? parts.join(' — ') : `HTTP ${status}`;
}

// Multipart upload with progress (fetch has no upload progress): resolves {ok, status, body}.
export function upload(url, form, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (onProgress && xhr.status < 400) onProgress(1);
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, body: { title: 'network error' } });
    xhr.send(form);
  });
}
