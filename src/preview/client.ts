/**
 * What the preview adds to the report page: its style, and a script that listens for changes
 * (Server-Sent Events) and swaps the page's <main> for the new one, keeping the scroll position
 * and the folds that are open. No other script runs: the page's Content-Security-Policy allows
 * only this one (by nonce).
 */
export const PREVIEW_STYLE = `
#gareport-preview { position: sticky; top: 0; z-index: 10; background: #fffbe6; border: 1px solid #d9c36a;
  padding: .5rem .75rem; margin: 0 0 1rem; font: 14px/1.4 system-ui, sans-serif; color: #222; max-height: 40vh; overflow: auto; }
#gareport-preview p { margin: .2rem 0; }
#gareport-preview .gp-stale { color: #8a1c1c; font-weight: 600; }
#gareport-preview .gp-goals { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; padding: 0; margin: .25rem 0; }
#gareport-preview .gp-goals .gp-open a { color: #8a1c1c; }
.gp-problems, .gp-inline ul { margin: .25rem 0; padding-left: 1.2rem; }
.gp-inline { border-left: 4px solid #c0392b; background: #fdecea; padding: .25rem .5rem; margin: .25rem 0; font: 14px/1.4 system-ui, sans-serif; }
.gp-error strong { color: #a61b1b; }
.gp-warning strong { color: #8a5a00; }
.gp-unanswered { display: inline-block; background: #fff0c2; border: 1px dashed #b08800; padding: 0 .4rem; font: 13px system-ui, sans-serif; }
@media print { #gareport-preview, .gp-inline, .gp-unanswered { display: none; } }
`;

export const PREVIEW_SCRIPT = `(() => {
  let busy = false, again = false;
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(location.pathname, { cache: 'no-store' });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      const main = next.querySelector('main');
      const current = document.querySelector('main');
      if (!main || !current) { location.reload(); return; }
      const open = new Set([...document.querySelectorAll('details[open][id], details[open] > summary [id]')].map((e) => e.id));
      const x = window.scrollX, y = window.scrollY;
      current.replaceWith(document.adoptNode(main));
      for (const id of open) { const e = document.getElementById(id); const d = e && e.closest('details'); if (d) d.open = true; }
      const style = next.head.querySelector('style');
      const mine = document.head.querySelector('style');
      if (style && mine && style.textContent !== mine.textContent) mine.textContent = style.textContent;
      document.title = next.title;
      window.scrollTo(x, y);
    } catch (error) {
      console.error(error);
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }
  const events = new EventSource('/__events');
  events.addEventListener('change', refresh);
})();`;
