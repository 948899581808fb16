// A buyer's tickets with their live codes: each QR image is fetched again when its 15-second window ends.
import { blobUrl, call, el, serverNow, session, showSessionLinks } from './lib/api.js';

const $ = (id) => document.getElementById(id);
const orderId = new URLSearchParams(location.search).get('order');

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

async function showCode(ticket, card) {
  try {
    const base = `/orders/${orderId}/tickets/${ticket.ticketId}`;
    const code = await call('GET', `${base}/code`);
    const image = card.querySelector('img.qr');
    const previous = image.getAttribute('src');
    image.src = await blobUrl(`${base}/qr`);
    if (previous) URL.revokeObjectURL(previous);
    image.setAttribute('data-payload', code.payload);
    card.querySelector('.printable').hidden = !code.staticPayload;
    const until = Date.parse(code.validUntil);
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - serverNow()) / 1000));
      card.querySelector('.rotates').textContent = `New code in ${left} s`;
    };
    tick();
    clearInterval(card.ticker);
    card.ticker = setInterval(tick, 1000);
    // a new code once this one's window is over (a moment later, so that the service is in the next window too)
    setTimeout(() => showCode(ticket, card), Math.max(1000, until - serverNow() + 300));
  } catch (problem) {
    fail(problem);
    // a lost connection must not leave an expired code on the phone: try again shortly
    setTimeout(() => showCode(ticket, card), 3000);
  }
}

async function printable(ticket) {
  try {
    window.open(await blobUrl(`/orders/${orderId}/tickets/${ticket.ticketId}/qr?kind=static`), '_blank');
  } catch (problem) {
    fail(problem);
  }
}

async function start() {
  showSessionLinks();
  $('sign-out').addEventListener('click', () => { session.signOut(); location.assign('/'); });
  if (!session.signedIn()) { fail({ message: 'Sign in to see your tickets.' }); return; }
  try {
    const order = await call('GET', `/orders/${orderId}`);
    $('tickets').replaceChildren(...order.tickets.map((ticket) => {
      const printButton = el('button', { class: 'secondary printable', text: 'Printable code' });
      printButton.hidden = true;
      printButton.addEventListener('click', () => printable(ticket));
      const card = el('section', { class: 'card ticket', 'data-ticket-id': ticket.ticketId },
        el('h2', { text: ticket.label }),
        el('img', { class: 'qr', alt: `Ticket code for ${ticket.label}`, width: '240', height: '240' }),
        el('p', { class: 'rotates muted', 'aria-live': 'off' }),
        printButton);
      showCode(ticket, card);
      return card;
    }));
  } catch (problem) {
    fail(problem);
  }
}

start();
