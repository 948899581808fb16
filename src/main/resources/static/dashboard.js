// The sales dashboard of one event: counts and revenue (polled), sales per minute as a chart, a heat view of the seats
// (live from the seat stream) on which the organizer selects seats to block or unblock; check-ins and the attendee list.
import { blobUrl, call, el, followSeats, money, serverNow, session, showSessionLinks } from './lib/api.js';
import { legendItem, seatMap } from './lib/seatmap.js';
import { wireSignIn } from './lib/signin.js';

const SVG = 'http://www.w3.org/2000/svg';
const POLL_MILLIS = 3000;
const STATUS_TEXT = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold', BLOCKED: 'blocked' };
const $ = (id) => document.getElementById(id);
const eventId = new URLSearchParams(location.search).get('event');
const selected = new Set();
const describe = (s) => `Section ${s.section}, row ${s.row}, seat ${s.number}, ${STATUS_TEXT[s.status] || s.status}`;
const map = seatMap($('map'), {
  describe,
  fill: () => '#d0ebff',
  onPick: toggle,
  onFocus: (seat) => { $('map-status').textContent = describe(seat); },
  // zoomed out, a section is as hot as the share of its seats sold
  sectionFill: (s) => ['#c92a2a', 0.08 + 0.8 * (s.SOLD / Math.max(1, s.total))],
});

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

function toggle(id) {
  if (selected.has(String(id))) selected.delete(String(id)); else if (selected.size < 1000) selected.add(String(id));
  map.mark(id, 'selected', selected.has(String(id)));
  $('block-selection').textContent = selected.size ? `${selected.size} seat(s) selected.` : 'No seats selected.';
}

async function block(action) {
  if (!selected.size) return;
  fail();
  try {
    await call('POST', `/admin/events/${eventId}/seats/${action}`, { seatIds: [...selected] });
    $('block-result').textContent = `${selected.size} seat(s) ${action === 'block' ? 'blocked' : 'back on sale'}.`;
    for (const id of [...selected]) toggle(id);
  } catch (problem) {
    fail(problem);
  }
}

function drawChart(perMinute) {
  const now = Math.floor(serverNow() / 60_000) * 60_000;
  const minutes = Array.from({ length: 60 }, (_, i) => now - (59 - i) * 60_000);
  const byMinute = new Map(perMinute.map((m) => [Date.parse(m.minute), m]));
  const highest = Math.max(1, ...perMinute.map((m) => m.seats));
  const chart = $('chart');
  chart.replaceChildren(...minutes.map((minute, i) => {
    const sold = byMinute.get(minute);
    const height = sold ? Math.max(2, 140 * sold.seats / highest) : 0;
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', i * 10 + 20); bar.setAttribute('width', 8);
    bar.setAttribute('y', 150 - height); bar.setAttribute('height', height);
    bar.setAttribute('data-minute', new Date(minute).toISOString());
    bar.setAttribute('data-seats', sold ? sold.seats : 0);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${new Date(minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: `
      + (sold ? `${sold.seats} seats, ${money(sold.revenue)}` : 'no sales');
    bar.append(title);
    return bar;
  }));
  chart.append(line(18, 150, 620, 150), text(18, 158, '60 min ago', 'start'), text(620, 158, 'now', 'end'),
    text(18, 10, `${highest} seats`, 'start'));
  const total = perMinute.reduce((sum, m) => sum + m.seats, 0);
  const last = byMinute.get(now)?.seats || 0;
  $('chart-summary').textContent = `${total.toLocaleString('en')} seats in the last hour, ${last} this minute; the busiest minute sold ${perMinute.length ? highest : 0}.`;
  chart.setAttribute('aria-label', $('chart-summary').textContent);
}

function line(x1, y1, x2, y2) {
  const node = document.createElementNS(SVG, 'line');
  Object.entries({ x1, y1, x2, y2 }).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function text(x, y, content, anchor) {
  const node = document.createElementNS(SVG, 'text');
  node.setAttribute('x', x); node.setAttribute('y', y); node.setAttribute('text-anchor', anchor);
  node.textContent = content;
  return node;
}

function drawSections() {
  $('sections').replaceChildren(...map.sections().map((s) => el('tr', { 'data-section': s.name },
    el('td', { text: s.name }),
    el('td', { text: `${Math.round(100 * s.SOLD / Math.max(1, s.total))} %` }),
    el('td', { text: s.AVAILABLE.toLocaleString('en') }))));
}

async function poll() {
  try {
    const [sales, door] = await Promise.all([call('GET', `/admin/events/${eventId}/sales`),
      call('GET', `/admin/events/${eventId}/checkins`)]);
    $('stat-checked-in').textContent = `${door.checkedIn.toLocaleString('en')} of ${door.tickets.toLocaleString('en')}`;
    for (const name of ['sold', 'held', 'available', 'blocked']) $(`stat-${name}`).textContent = sales[name].toLocaleString('en');
    $('stat-revenue').textContent = money(sales.revenue);
    drawChart(sales.perMinute);
    drawSections();
    setTimeout(poll, POLL_MILLIS);
  } catch (problem) {
    fail(problem);
    if (problem.status === 429 || problem.status === 503) setTimeout(poll, Math.max(POLL_MILLIS, problem.retryAfter * 1000));
  }
}

async function start() {
  showSessionLinks();
  wireSignIn(() => location.assign('/organizer.html'), fail);
  $('zoom-in').addEventListener('click', () => map.zoomIn());
  $('zoom-out').addEventListener('click', () => map.zoomOut());
  $('zoom-reset').addEventListener('click', () => map.reset());
  $('door-link').href = `/scanner.html?event=${eventId}`;
  $('attendees').addEventListener('click', async () => {
    try {
      const link = el('a', { href: await blobUrl(`/admin/events/${eventId}/attendees.csv`), download: `attendees-${eventId}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
    } catch (problem) {
      fail(problem);
    }
  });
  $('block').addEventListener('click', () => block('block'));
  $('unblock').addEventListener('click', () => block('unblock'));
  $('clear-selection').addEventListener('click', () => [...selected].forEach(toggle));
  $('legend').replaceChildren(legendItem('free', '#d0ebff'), legendItem('held', '#ff922b', 'HELD'),
    legendItem('sold', '#c92a2a', 'SOLD'), legendItem('blocked', '#3d4451', 'BLOCKED'));
  if (!session.organizes()) { fail({ message: 'Sign in as an organizer first.' }); return; }
  try {
    const event = await call('GET', `/events/${eventId}`);
    document.title = `Boxoffice · Sales · ${event.name}`;
    $('event-name').textContent = `Sales: ${event.name}`;
    $('event-when').textContent = `${event.venue.name} · on sale ${new Date(event.onSaleAt).toLocaleString()} · starts ${new Date(event.startsAt).toLocaleString()}`;
  } catch (problem) {
    fail(problem);
    return;
  }
  followSeats(eventId, (snapshot) => {
    if (map.draw(snapshot.seats)) requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('seats-drawn')));
    drawSections();
  }, (changes) => changes.seats.forEach((c) => map.setStatus(c.id, c.status)));
  poll();
}

start();
