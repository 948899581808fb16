// The event page: the seat map (SVG, live from the seat stream), picking seats or the best ones, the hold with its
// countdown, checkout with the simulated cards, the confirmation.
import { call, el, followSeats, money, serverNow, session, signIn, signUp } from './lib/api.js';

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2b8a3e', '#1f5fd6', '#9c36b5', '#e8590c', '#0b7285', '#c2255c'];
const STATUS_TEXT = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold', BLOCKED: 'not for sale' };
const $ = (id) => document.getElementById(id);
const eventId = new URLSearchParams(location.search).get('event');

let event;
const categories = new Map();   // id -> {name, price, colour}
const seats = new Map();        // id -> {seat, node}
const selected = new Set();
let hold = null;
let countdownTimer = null;
let order = [];                 // seat ids in venue order, for moving between seats by keyboard
let focused = null;
let view = null;                // the SVG's viewBox [x, y, w, h]
let whole = null;

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

function describe(seat) {
  const category = categories.get(String(seat.categoryId));
  return `Section ${seat.section}, row ${seat.row}, seat ${seat.number}`
    + (category ? `, ${money(category.price)}` : '') + `, ${STATUS_TEXT[seat.status] || seat.status}`;
}

function draw(map) {
  // a later snapshot (the stream reconnected) of the same seats only updates them: no redraw, no lost focus or picks
  if (seats.size === map.seats.length && map.seats.every((s) => seats.has(String(s.id)))) {
    map.seats.forEach((s) => setStatus(s.id, s.status));
    return;
  }
  const svg = $('map');
  svg.replaceChildren();
  seats.clear();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const fragment = document.createDocumentFragment();
  for (const seat of map.seats) {
    minX = Math.min(minX, seat.x); minY = Math.min(minY, seat.y); maxX = Math.max(maxX, seat.x); maxY = Math.max(maxY, seat.y);
    const node = document.createElementNS(SVG, 'circle');
    node.setAttribute('cx', seat.x);
    node.setAttribute('cy', seat.y);
    node.setAttribute('r', 4);
    node.setAttribute('fill', (categories.get(String(seat.categoryId)) || { colour: '#adb5bd' }).colour);
    node.setAttribute('data-seat-id', seat.id);
    node.setAttribute('data-status', seat.status);
    node.setAttribute('role', 'button');
    node.setAttribute('tabindex', '-1');
    node.setAttribute('aria-label', describe(seat));
    const title = document.createElementNS(SVG, 'title');
    title.textContent = describe(seat);
    node.append(title);
    fragment.append(node);
    seats.set(String(seat.id), { seat, node });
  }
  svg.append(fragment);
  order = map.seats.map((seat) => String(seat.id));
  for (const id of selected) seats.get(id)?.node.classList.add('selected');
  whole = [minX - 10, minY - 10, maxX - minX + 20, maxY - minY + 20];
  view = view || [...whole];
  showView();
  $('map-status').textContent = `${map.seats.filter((s) => s.status === 'AVAILABLE').length} seats available`;
  // marked once the browser has painted the map (two frames on), so tools can measure how long drawing takes
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('seats-drawn')));
}

function setStatus(id, status) {
  const entry = seats.get(String(id));
  if (!entry) return;
  entry.seat.status = status;
  entry.node.setAttribute('data-status', status);
  entry.node.setAttribute('aria-label', describe(entry.seat));
  entry.node.firstChild.textContent = describe(entry.seat);
  if (status !== 'AVAILABLE' && selected.has(String(id)) && !hold) {
    selected.delete(String(id));
    entry.node.classList.remove('selected');
    entry.node.classList.add('taken');
    renderSelection();
    fail({ message: 'A seat you picked was just taken by someone else; it is marked on the map. Pick another.' });
  }
  if (status === 'AVAILABLE') entry.node.classList.remove('taken');
}

function showView() {
  $('map').setAttribute('viewBox', view.join(' '));
}

function zoom(factor, cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2) {
  const w = Math.min(whole[2] * 2, Math.max(20, view[2] * factor));
  const h = view[3] * (w / view[2]);
  view = [cx - (cx - view[0]) * (w / view[2]), cy - (cy - view[1]) * (h / view[3]), w, h];
  showView();
}

function toMap(clientX, clientY) {
  const box = $('map').getBoundingClientRect();
  const scale = Math.max(view[2] / box.width, view[3] / box.height);
  return [view[0] + (clientX - box.left) * scale, view[1] + (clientY - box.top) * scale, scale];
}

function enablePanAndZoom() {
  const svg = $('map');
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [x, y] = toMap(e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, x, y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const [, , scale] = toMap(e.clientX, e.clientY);
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    view[0] -= dx * scale; view[1] -= dy * scale;
    drag.x = e.clientX; drag.y = e.clientY;
    showView();
  });
  svg.addEventListener('pointerup', (e) => {
    const clicked = drag && !drag.moved;
    drag = null;
    const seat = e.target.closest && e.target.closest('circle');
    if (clicked && seat) toggle(seat.getAttribute('data-seat-id'));
  });
  $('zoom-in').addEventListener('click', () => zoom(1 / 1.5));
  $('zoom-out').addEventListener('click', () => zoom(1.5));
  $('zoom-reset').addEventListener('click', () => { view = [...whole]; showView(); });
}

/** Arrow keys move between seats (up and down to the nearest seat of the row before or after), Enter or Space picks. */
function enableKeyboard() {
  const svg = $('map');
  svg.setAttribute('tabindex', '0');
  svg.addEventListener('focus', () => { if (!focused && order.length) focusSeat(order[0]); });
  svg.addEventListener('keydown', (e) => {
    if (!focused) return;
    const here = seats.get(focused).seat;
    let next = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      next = order[order.indexOf(focused) + (e.key === 'ArrowRight' ? 1 : -1)];
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const below = e.key === 'ArrowDown';
      let best = Infinity;
      for (const id of order) {
        const s = seats.get(id).seat;
        const dy = below ? s.y - here.y : here.y - s.y;
        if (dy <= 0) continue;
        const distance = dy * 1000 + Math.abs(s.x - here.x);
        if (distance < best) { best = distance; next = id; }
      }
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle(focused);
      return;
    } else {
      return;
    }
    e.preventDefault();
    if (next) focusSeat(next);
  });
}

function focusSeat(id) {
  if (focused) seats.get(focused)?.node.classList.remove('focused');
  focused = id;
  const node = seats.get(id).node;
  node.classList.add('focused');
  $('map').setAttribute('aria-activedescendant', `seat-${id}`);
  node.setAttribute('id', `seat-${id}`);
  $('map-status').textContent = describe(seats.get(id).seat);
}

function toggle(id) {
  const entry = seats.get(String(id));
  if (!entry || hold) return;
  if (selected.has(String(id))) {
    selected.delete(String(id));
  } else if (entry.seat.status === 'AVAILABLE' && selected.size < event.limits.maxSeatsPerOrder) {
    selected.add(String(id));
  }
  entry.node.classList.toggle('selected', selected.has(String(id)));
  renderSelection();
}

function renderSelection() {
  const chosen = [...selected].map((id) => seats.get(id).seat);
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
        const entry = seats.get(String(id));
        if (entry) { entry.node.classList.add('taken'); entry.node.classList.remove('selected'); selected.delete(String(id)); }
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
  for (const id of selected) seats.get(id)?.node.classList.remove('selected');
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
  enablePanAndZoom();
  enableKeyboard();
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
  $('signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try { await signIn(form.get('email'), form.get('password')); signedIn(); } catch (problem) { fail(problem); }
  });
  $('signup-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try { await signUp(form.get('email'), form.get('password'), form.get('displayName')); signedIn(); } catch (problem) { fail(problem); }
  });
  $('sign-out').addEventListener('click', () => { session.signOut(); signedIn(); });
}

function signedIn() {
  fail();
  $('signin').hidden = session.signedIn();
  $('sign-out').hidden = !session.signedIn();
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
  $('legend').replaceChildren(...[...categories.values()].map((c) => {
    const item = el('span', { text: `${c.name} ${money(c.price)}` });
    item.style.setProperty('--swatch', c.colour);
    return item;
  }), ...[['held', '#f0b429'], ['sold', '#9aa3b2'], ['not for sale', '#3d4451']].map(([name, colour]) => {
    const item = el('span', { text: name });
    item.style.setProperty('--swatch', colour);
    return item;
  }));
  $('best-category').append(...event.categories.map((c) => el('option', { value: c.id, text: c.name })));
  if (event.waitingRoom && event.waitingRoom.enabled && !sessionStorage.getItem(`boxoffice.admission.${eventId}`)) {
    $('queue-note').hidden = false;
    $('queue-link').href = `/queue.html?event=${eventId}`;
  }
  let drawn = false;
  followSeats(eventId, (map) => { drawn = true; draw(map); }, (changes) => changes.seats.forEach((c) => setStatus(c.id, c.status)));
  // a node at its cap of seat streams refuses the stream: the map is then read once, without live updates
  setTimeout(async () => {
    if (drawn) return;
    try { draw(await call('GET', `/events/${eventId}/seats`)); } catch (problem) { fail(problem); }
  }, 3000);
}

start();
