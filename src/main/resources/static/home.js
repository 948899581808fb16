// Home: every event with its status; an event whose waiting room is open also links to its queue.
import { call, el, money, session, showSessionLinks } from './lib/api.js';

const STATUS = { SCHEDULED: 'Not on sale yet', ON_SALE: 'On sale', SOLD_OUT: 'Sold out', CLOSED: 'Sale closed', CANCELLED: 'Cancelled' };
let events = [];

function render() {
  const query = document.getElementById('search').value.trim().toLowerCase();
  const list = document.getElementById('events');
  list.replaceChildren(...events
    .filter((e) => !query || e.name.toLowerCase().includes(query) || e.venue.name.toLowerCase().includes(query))
    .map((e) => el('li', { 'data-event-id': e.id },
      el('h2', {}, el('a', { href: `/event.html?event=${e.id}`, text: e.name })),
      el('p', { class: 'muted', text: `${e.venue.name} · ${new Date(e.startsAt).toLocaleString()}` }),
      el('span', { class: `badge ${e.status}`, text: STATUS[e.status] || e.status }),
      ...(e.waitingRoom && e.waitingRoom.open
        ? [' ', el('span', { class: 'badge queue', text: 'Queue open' }), ' ', el('a', { href: `/queue.html?event=${e.id}`, text: 'Join the queue' })]
        : []),
      el('p', { text: e.priceRange ? `${money(e.priceRange.min)} – ${money(e.priceRange.max)}` : '' }))));
}

async function load() {
  try {
    const page = await call('GET', '/events?size=100');
    events = page.items;
    render();
  } catch (problem) {
    document.getElementById('error').textContent = problem.message;
  }
}

document.getElementById('search').addEventListener('input', render);
document.getElementById('sign-out').addEventListener('click', () => { session.signOut(); showSessionLinks(); });
showSessionLinks();
load();
