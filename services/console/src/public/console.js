// The console works without JavaScript; this only adds GOV.UK Frontend's enhancements and live refresh.
import { initAll } from '/javascripts/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// Pages that change while they are open (queues, a case, the ledger) re-read themselves and swap their
// live region, unless the person is typing in a form on the page.
const main = document.querySelector('[data-live-refresh]');
const region = document.querySelector('[data-live-region]');
if (main && region) {
  const seconds = Number(main.getAttribute('data-live-refresh')) || 15;
  const status = document.querySelector('[data-live-status]');
  setInterval(async () => {
    if (document.hidden || document.activeElement?.closest('form')) return;
    try {
      const response = await fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      if (!response.ok || response.redirected) return;
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-live-region]');
      if (fresh) region.replaceChildren(...fresh.childNodes);
      if (status) status.textContent = `Updated at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`;
    } catch {
      // A missed refresh changes nothing; the next one tries again.
    }
  }, seconds * 1000);
}
