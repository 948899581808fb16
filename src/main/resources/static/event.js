// The event page: the seat map (SVG, live from the seat stream), picking seats or the best ones, the hold with its
// countdown, checkout with the simulated cards, the confirmation.
import { call, el, followSeats, money, serverNow, session, showSessionLinks } from './lib/api.js';
import { legendItem, seatMap, STATUS_COLOURS } from './lib/seatmap.js';
import { wireSignIn } from './lib/signin.js';

const PALETTE = ['#2b8a3e', '#1f5fd6', '#9c36b5', '#e8590c', '#0b7285', '#c2255c'];
const STATUS_TEXT = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold', BLOCKED: 'not for sale' };
const $ = (id) => document.getElementById(id);
const eventId = new URLSearchParams(location.search).get('event');

let event;
const categories = new Map();   // id -> {name, price, colour}
const selected = new Set();
let hold = null;
let countdownTimer = null;
const map = seatMap($('map'), {
  describe,
  fill: (seat) => (categories.get(String(seat.categoryId)) || { colour: '#adb5bd' }).colour,
  onPick: toggle,
  onFocus: (seat) => { $('map-status').textContent = describe(seat); },
});

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

function describe(seat) {
  const category = categories.get(String(seat.categoryId));
  return `Section ${seat.section}, row ${seat.row}, seat ${seat.number}`
    + (category ? `, ${money(category.price)}` : '') + `, ${STATUS_TEXT[seat.status] || seat.status}`;
}

function draw(seatsMap) {
  // a later snapshot (the stream reconnected) of the same seats only updates them: no redraw, no lost focus or picks
  if (!map.draw(seatsMap.seats)) return;
  $('map-status').textContent = `${seatsMap.seats.filter((s) => s.status === 'AVAILABLE').length.toLocaleString('en')} seats available`
    + (map.size > 20_000 ? ': click a section or zoom in to see its seats' : '');
  // marked once the browser has painted the map (two frames on), so tools can measure how long drawing takes
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('seats-drawn')));
}

function setStatus(id, status) {
  if (!map.setStatus(id, status)) return;
  if (status !== 'AVAILABLE' && selected.has(String(id)) && !hold) {
    selected.delete(String(id));
    map.mark(id, 'selected', false);
    map.mark(id, 'taken', true);
    renderSelection();
    fail({ message: 'A seat you picked was just taken by someone else; it is marked on the map. Pick another.' });
  }
  if (status === 'AVAILABLE') map.mark(id, 'taken', false);
}

function toggle(id) {
  const seat = map.seat(id);
  if (!seat || hold) return;
  if (selected.has(String(id))) {
    selected.delete(String(id));
  } else if (seat.status === 'AVAILABLE' && selected.size < event.limits.maxSeatsPerOrder) {
    selected.add(String(id));
  }
  map.mark(id, 'selected', selected.has(String(id)));
  renderSelection();
}

function renderSelection() {
  const chosen = [...selected].map((id) => map.seat(id));
  $('selection').replaceChildren(...chosen.map((s) => el('li', { text: describe(s) })));
  const total = chosen.reduce((sum, s) => sum + Number((categories.get(String(s.categoryId)) || { price: { amount: 0 } }).price.amount), 0);
  $('selection-total').textContent = chosen.length ? `${chosen.length} seat(s), ${total.toFixed(2)} ${event.categories[0]?.price.currency || ''}`
    : 'Click seats on the map.';
  $('hold-selected').disabled = chosen.length === 0;
}

async function placeHold(body) {
  fail();
  if (!session.signedIn()) { $('signin').hidden = false; fail({ message: 'Sign in first.' }); return; }
  const admission = sessionStorage.getItem(`boxoffice.admission.${eventId}`);
  try {
    hold = await call('POST', `/events/${eventId}/holds`, body, admission ? { 'Admission-Token': admission } : {});
    for (const seat of hold.seats) setStatus(seat.id, 'HELD');
    showHold();
  } catch (problem) {
    if (problem.type === 'seats-unavailable') {
      for (const id of problem.body.unavailableSeatIds || []) {
        map.mark(id, 'taken', true);
        map.mark(id, 'selected', false);
        selected.delete(String(id));
      }
      renderSelection();
    }
    if (problem.type === 'admission-required') $('queue-note').hidden = false;
    fail(problem);
  }
}

function showHold() {
  $('choose').hidden = true;
  $('holding').hidden = false;
  $('held-seats').replaceChildren(...hold.seats.map((s) => el('li', { text: `${s.label} · ${money(s.price)}` })));
  $('held-total').textContent = `Total ${money(hold.total)}`;
  clearInterval(countdownTimer);
  const tick = () => {
    const left = Math.max(0, Math.round((new Date(hold.expiresAt) - serverNow()) / 1000));
    $('countdown').textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
    if (left === 0) { endHold(); fail({ message: 'Your hold has expired; its seats are for sale again.' }); }
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
}

function endHold() {
  clearInterval(countdownTimer);
  hold = null;
  for (const id of selected) map.mark(id, 'selected', false);
  selected.clear();
  renderSelection();
  $('holding').hidden = true;
  $('choose').hidden = false;
}

async function pay(token) {
  fail();
  $('pay').disabled = true;
  try {
    const order = await call('POST', '/orders', { holdId: hold.holdId, payment: { method: 'card', token } },
      { 'Idempotency-Key': `${hold.holdId}:${token}` });
    clearInterval(countdownTimer);
    for (const ticket of order.tickets) setStatus(ticket.seatId, 'SOLD');
    hold = null;
    $('holding').hidden = true;
    $('confirmed').hidden = false;
    $('confirmation').textContent = `Order ${order.orderId} is confirmed: ${money(order.total)}.`;
    $('confirmation').setAttribute('data-order-id', order.orderId);
    $('tickets').replaceChildren(...order.tickets.map((t) => el('li', { text: t.label })));
  } catch (problem) {
    if (problem.type === 'hold-expired') endHold();
    fail(problem);
  } finally {
    $('pay').disabled = false;
  }
}

function wire() {
  $('zoom-in').addEventListener('click', () => map.zoomIn());
  $('zoom-out').addEventListener('click', () => map.zoomOut());
  $('zoom-reset').addEventListener('click', () => map.reset());
  $('hold-selected').addEventListener('click', () => placeHold({ seatIds: [...selected] }));
  $('best-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const best = { quantity: Number(form.get('quantity')) };
    if (form.get('categoryId')) best.categoryId = form.get('categoryId');
    placeHold({ best });
  });
  $('extend').addEventListener('click', async () => {
    try { hold = await call('POST', `/holds/${hold.holdId}/extend`); showHold(); } catch (problem) { fail(problem); }
  });
  $('release').addEventListener('click', async () => {
    try { await call('DELETE', `/holds/${hold.holdId}`); endHold(); } catch (problem) { fail(problem); }
  });
  $('pay-form').addEventListener('submit', (e) => { e.preventDefault(); pay(new FormData(e.target).get('token')); });
  wireSignIn(signedIn, fail);
}

function signedIn() {
  fail();
  $('signin').hidden = session.signedIn();
  showSessionLinks();
}

async function start() {
  wire();
  signedIn();
  try {
    event = await call('GET', `/events/${eventId}`);
  } catch (problem) {
    fail(problem);
    return;
  }
  document.title = `Boxoffice · ${event.name}`;
  $('event-name').textContent = event.name;
  $('event-when').textContent = `${event.venue.name} · ${new Date(event.startsAt).toLocaleString()}`;
  event.categories.forEach((c, i) => categories.set(String(c.id), { ...c, colour: PALETTE[i % PALETTE.length] }));
  $('legend').replaceChildren(...[...categories.values()].map((c) => legendItem(`${c.name} ${money(c.price)}`, c.colour)), legendItem('held', STATUS_COLOURS.HELD, 'HELD'), legendItem('sold', STATUS_COLOURS.SOLD, 'SOLD'),
  legendItem('not for sale', STATUS_COLOURS.BLOCKED, 'BLOCKED'));
  $('queue-link').href = `/queue.html?event=${eventId}`;
  $('best-category').append(...event.categories.map((c) => el('option', { value: c.id, text: c.name })));
  if (event.waitingRoom && event.waitingRoom.enabled && !sessionStorage.getItem(`boxoffice.admission.${eventId}`)) {
    $('queue-note').hidden = false;
  }
  followSeats(eventId, draw, (changes) => changes.seats.forEach((c) => setStatus(c.id, c.status)));
}

start();
