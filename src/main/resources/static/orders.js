// My orders: each with its seats and status; a confirmed one can be cancelled (refunded, the seats on sale again).
import { call, el, money, session, showSessionLinks } from './lib/api.js';

const $ = (id) => document.getElementById(id);

function row(order) {
  const cancel = el('button', { class: 'secondary', text: 'Cancel' });
  cancel.hidden = order.status !== 'CONFIRMED';
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      await call('POST', `/orders/${order.orderId}/cancel`);
      await showSessionLinks();
document.getElementById('sign-out').addEventListener('click', () => { session.signOut(); location.assign('/'); });
load();
    } catch (problem) {
      $('error').textContent = problem.message;
      cancel.disabled = false;
    }
  });
  return el('tr', { 'data-order-id': order.orderId, 'data-status': order.status },
    el('td', { text: order.orderId.slice(0, 8) }), el('td', { text: order.status }),
    el('td', { text: order.tickets.map((t) => t.label).join(', ') }), el('td', { text: money(order.total) }),
    el('td', {}, ...(order.status === 'CONFIRMED' ? [el('a', { href: `/tickets.html?order=${order.orderId}`, text: 'Tickets' }), ' '] : []), cancel));
}

async function load() {
  if (!session.signedIn()) { $('signin-note').hidden = false; return; }
  try {
    const page = await call('GET', '/orders');
    $('orders').replaceChildren(...page.items.map(row));
  } catch (problem) {
    $('error').textContent = problem.message;
  }
}

showSessionLinks();
document.getElementById('sign-out').addEventListener('click', () => { session.signOut(); location.assign('/'); });
load();
