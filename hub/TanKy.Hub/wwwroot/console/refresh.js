// Re-fetches the server-rendered part of a page (data-refresh URL) every data-every ms and swaps
// it in: the server renders once, the phone downloads only that part. Keeps going after errors.
"use strict";
document.querySelectorAll("[data-refresh]").forEach(el => {
  const every = Number(el.dataset.every || 5000);
  const tick = async () => {
    try {
      const r = await fetch(el.dataset.refresh, { credentials: "same-origin", headers: { "Accept": "text/html" } });
      if (r.ok && !r.redirected) el.innerHTML = await r.text();
    } catch (e) { console.warn(e); }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
});
