// Re-fetches the server-rendered part of a page (data-refresh URL) every data-every ms and swaps
// it in. The server answers 304 (no body) while its ETag is unchanged, so an idle dashboard costs
// a few hundred bytes per poll. data-clock names an element that shows the last successful check,
// in the commune's time (Asia/Ho_Chi_Minh) as the server renders it, whatever the browser's zone;
// the server's Date header is the time when there is one (a phone's own clock may be wrong).
"use strict";
const communeClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const checkedAt = r => {
  const date = new Date(r.headers.get("Date") || Date.now());
  return communeClock.format(isNaN(date) ? new Date() : date);
};
document.querySelectorAll("[data-refresh]").forEach(el => {
  const every = Number(el.dataset.every || 5000);
  const clock = el.dataset.clock && document.getElementById(el.dataset.clock);
  let etag = el.dataset.etag || "";
  const tick = async () => {
    try {
      const headers = { "Accept": "text/html" };
      if (etag) headers["If-None-Match"] = etag;
      const r = await fetch(el.dataset.refresh, { credentials: "same-origin", headers });
      if (r.status === 200 && !r.redirected) { etag = r.headers.get("ETag") || ""; el.innerHTML = await r.text(); }
      if ((r.status === 200 || r.status === 304) && clock) clock.textContent = checkedAt(r);
    } catch (e) { console.warn(e); }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
});
