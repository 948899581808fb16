// The organizer's page: their events with live counts, a venue builder with a preview of its map, the event form.
import { call, el, session, showSessionLinks } from './lib/api.js';
import { seatMap } from './lib/seatmap.js';
import { wireSignIn } from './lib/signin.js';

const $ = (id) => document.getElementById(id);
// the service lays seats out the same way (JdbcVenues): sections side by side, rows front to back, each row centred
const SEAT_PITCH = 10, ROW_PITCH = 12, SECTION_GAP = 40;
let venues = [];
const preview = seatMap($('venue-preview'), {
  describe: (s) => `Section ${s.section}, row ${s.row}, seat ${s.number}`,
  fill: () => '#1f5fd6',
  onPick: () => {},
});

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

// --- the venue builder -------------------------------------------------------------------------------------------

function sectionRow(name = '', rows = 10, seats = 20) {
  const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Remove this section', text: '×' });
  const row = el('tr', {},
    el('td', {}, el('input', { name: 'section', value: name, required: '', maxlength: '100', 'aria-label': 'Section name' })),
    el('td', {}, el('input', { name: 'rows', type: 'number', min: '1', max: '1000', value: rows, required: '', 'aria-label': 'Rows' })),
    el('td', {}, el('input', { name: 'seats', type: 'number', min: '1', max: '1000', value: seats, required: '', 'aria-label': 'Seats per row' })),
    el('td', {}, remove));
  remove.addEventListener('click', () => { row.remove(); showPreview(); });
  return row;
}

/** The sections as typed, in the API's shape: every row of a section gets the same number of seats. */
function typedSections() {
  return [...$('sections').children].map((tr) => {
    const value = (name) => tr.querySelector(`[name=${name}]`).value;
    const rows = Math.max(0, Math.min(1000, Number(value('rows')) || 0));
    return { name: value('section').trim(), rows: Array.from({ length: rows }, (_, i) => ({ label: String(i + 1), seats: Number(value('seats')) || 0 })) };
  });
}

function layout(sections) {
  const seats = [];
  let x = 0;
  for (const section of sections) {
    const widest = Math.max(0, ...section.rows.map((r) => r.seats));
    section.rows.forEach((row, r) => {
      const indent = (widest - row.seats) * SEAT_PITCH / 2;
      for (let n = 1; n <= row.seats; n++) {
        seats.push({ id: `${section.name}-${row.label}-${n}`, section: section.name, row: row.label, number: n,
          x: x + indent + (n - 1) * SEAT_PITCH, y: r * ROW_PITCH, status: 'AVAILABLE' });
      }
    });
    x += widest * SEAT_PITCH + SECTION_GAP;
  }
  return seats;
}

let previewPending = false;
function showPreview() {
  if (previewPending) return;
  previewPending = true;
  requestAnimationFrame(() => {
    previewPending = false;
    const sections = typedSections();
    const count = sections.reduce((sum, s) => sum + s.rows.reduce((n, r) => n + r.seats, 0), 0);
    $('venue-summary').textContent = `${sections.length} section(s), ${count.toLocaleString('en')} seats`
      + (count > 200_000 ? ' — more than the 200,000 a venue may have' : '');
    if (count <= 200_000) preview.draw(layout(sections));
  });
}

async function createVenue(form) {
  fail();
  try {
    const created = await call('POST', '/admin/venues', { name: form.get('name').trim(), sections: typedSections() });
    await loadVenues(created.venueId); // first, so that the message appears once the event form offers the venue
    $('venue-created').textContent = `Venue created with ${created.seatCount.toLocaleString('en')} seats. Create an event in it below.`;
  } catch (problem) {
    fail(problem);
  }
}

// --- the event form ----------------------------------------------------------------------------------------------

function venue() { return venues.find((v) => v.id === $('venue-select').value); }

function categoryRow(name, price) {
  const sections = (venue()?.sections || []).map((s) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'category-section', value: s.name }), s.name));
  const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Remove this category', text: '×' });
  const row = el('div', { class: 'category' },
    el('label', {}, 'Category', el('input', { name: 'category-name', value: name, required: '', maxlength: '100' })),
    el('label', {}, 'Price', el('input', { name: 'category-price', type: 'number', min: '0', step: '0.01', value: price, required: '' })),
    el('span', { class: 'sections' }, ...sections), remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}

/** One category over all sections to start with; the organizer splits it up as they like. */
function resetCategories() {
  const row = categoryRow('Standard', '50.00');
  row.querySelectorAll('[name=category-section]').forEach((box) => { box.checked = true; });
  $('categories').replaceChildren(row);
}

async function loadVenues(select) {
  venues = (await call('GET', '/admin/venues')).items;
  $('venue-select').replaceChildren(...venues.map((v) => el('option', { value: v.id, text: `${v.name} (${v.seatCount.toLocaleString('en')} seats)` })));
  if (select) $('venue-select').value = select;
  resetCategories();
}

function isoOf(local) { return local ? new Date(local).toISOString() : null; }
function numberOf(form, name) { return form.get(name) === '' ? null : Number(form.get(name)); }

async function createEvent(form) {
  fail();
  const currency = form.get('currency');
  const categories = [...$('categories').children].map((row) => ({
    name: row.querySelector('[name=category-name]').value.trim(),
    price: { amount: Number(row.querySelector('[name=category-price]').value).toFixed(2), currency },
    sections: [...row.querySelectorAll('[name=category-section]:checked')].map((box) => box.value),
  }));
  const body = { venueId: form.get('venueId'), name: form.get('name').trim(), description: form.get('description'),
    startsAt: isoOf(form.get('startsAt')), onSaleAt: isoOf(form.get('onSaleAt')), categories,
    holdSeconds: numberOf(form, 'holdSeconds'), maxSeatsPerOrder: numberOf(form, 'maxSeatsPerOrder'),
    staticTicketCodes: form.get('staticTicketCodes') === 'on' };
  if (form.get('waitingRoom')) {
    body.waitingRoom = { enabled: true, admitPerMinute: numberOf(form, 'admitPerMinute'), maxActiveUsers: numberOf(form, 'maxActiveUsers'),
      prequeueMinutes: numberOf(form, 'prequeueMinutes'), proofOfWorkMaxNumber: numberOf(form, 'proofOfWorkMaxNumber') };
  }
  try {
    const created = await call('POST', '/admin/events', body);
    $('event-created').replaceChildren(`Event created. `,
      el('a', { href: `/dashboard.html?event=${created.eventId}`, text: 'Watch its sales' }), ' · ',
      el('a', { href: `/event.html?event=${created.eventId}`, text: 'its page for buyers' }));
    $('event-created').setAttribute('data-event-id', created.eventId);
    await loadEvents();
  } catch (problem) {
    fail(problem);
  }
}

// --- the organizer's events --------------------------------------------------------------------------------------

async function loadEvents() {
  const events = (await call('GET', '/admin/events')).items;
  $('no-events').hidden = events.length > 0;
  $('own-events').replaceChildren(...events.map((e) => el('tr', { 'data-event-id': e.id },
    el('td', {}, el('a', { href: `/event.html?event=${e.id}`, text: e.name })),
    el('td', { text: e.venueName }),
    el('td', { text: new Date(e.onSaleAt).toLocaleString() }),
    el('td', { text: e.sold.toLocaleString('en') }), el('td', { text: e.held.toLocaleString('en') }),
    el('td', { text: e.available.toLocaleString('en') }),
    el('td', {}, el('a', { href: `/dashboard.html?event=${e.id}`, text: 'Sales' })))));
}

async function show() {
  fail();
  showSessionLinks();
  const organizer = session.organizes();
  $('signin').hidden = organizer;
  $('organizing').hidden = !organizer;
  if (session.signedIn() && !organizer) fail({ message: 'This account does not organize events: sign in with an organizer account.' });
  if (!organizer) return;
  try {
    await Promise.all([loadEvents(), loadVenues()]);
  } catch (problem) {
    fail(problem);
  }
}

function defaultTimes() {
  const local = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const hour = new Date(); hour.setMinutes(0, 0, 0);
  $('event-form').elements.onSaleAt.value = local(new Date(hour.getTime() + 3_600_000));
  $('event-form').elements.startsAt.value = local(new Date(hour.getTime() + 30 * 86_400_000));
}

$('sections').append(sectionRow('A', 10, 20), sectionRow('B', 10, 20));
$('sections').addEventListener('input', showPreview);
$('add-section').addEventListener('click', () => {
  $('sections').append(sectionRow(String.fromCharCode(65 + $('sections').children.length)));
  showPreview();
});
$('venue-form').addEventListener('submit', (e) => { e.preventDefault(); createVenue(new FormData(e.target)); });
$('venue-select').addEventListener('change', resetCategories);
$('add-category').addEventListener('click', () => $('categories').append(categoryRow(`Category ${$('categories').children.length + 1}`, '30.00')));
$('event-form').addEventListener('submit', (e) => { e.preventDefault(); createEvent(new FormData(e.target)); });
wireSignIn(show, fail);
defaultTimes();
showPreview();
show();
