// Phone layout for lists (issue #17): every cell of a table.cards gets its column's heading as
// data-label, unless the page wrote one, so site.css can show "label: value" cards below 600 px.
// Runs again when a live part of the page is swapped in (refresh.js replaces innerHTML).
"use strict";
(() => {
  const label = root => root.querySelectorAll("table.cards").forEach(table => {
    const heads = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach(tr => {
      [...tr.children].forEach((td, i) => {
        if (!td.hasAttribute("data-label") && heads[i]) td.setAttribute("data-label", heads[i]);
      });
    });
  });
  const start = () => {
    label(document);
    new MutationObserver(() => label(document)).observe(document.querySelector("main") || document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
