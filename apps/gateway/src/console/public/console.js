/* global document, window, DOMParser */
import { initAll } from "/console/assets/govuk/govuk-frontend.min.js";
initAll();
// Progressive enhancement: the overview refreshes itself every 10 s (without JavaScript a
// <noscript> meta refresh reloads the page every 30 s); MoJ sortable tables where present.
const live = document.getElementById('cpb-live');
if (live && window.fetch) {
  const url = live.dataset.liveUrl;
  setInterval(async () => {
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const html = await res.text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const next = doc.getElementById('cpb-live');
      const current = document.getElementById('cpb-live');
      if (next && current) current.replaceWith(next);
    } catch {
      /* keep the last view; the next poll retries */
    }
  }, 10000);
}
