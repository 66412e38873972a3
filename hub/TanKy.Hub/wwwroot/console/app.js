// TanKy console helpers (no framework). tk.fetch sends the page's antiforgery token, which the
// hub requires on every cookie-authenticated POST/PUT/PATCH/DELETE under /api.
"use strict";
window.tk = {
  csrf: () => document.querySelector('meta[name="csrf-token"]')?.content ?? "",
  fetch: (url, options = {}) => {
    const headers = new Headers(options.headers || {});
    const method = (options.method || "GET").toUpperCase();
    if (!["GET", "HEAD", "OPTIONS"].includes(method)) headers.set("X-CSRF-TOKEN", tk.csrf());
    return fetch(url, { ...options, headers, credentials: "same-origin" });
  },
  // Calls fn(json) now and every ms milliseconds; keeps going after a failed request.
  poll: (url, ms, fn) => {
    const tick = async () => {
      try { const r = await tk.fetch(url); if (r.ok) fn(await r.json()); } catch (e) { console.warn(e); }
      setTimeout(tick, ms);
    };
    tick();
  },
};
