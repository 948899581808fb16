// The public fairness page of an event's waiting room: the commitment, the revealed seed checked in the browser,
// a buyer's place from their receipt, and the report with its charts. Needs no sign-in.
import { call } from './lib/api.js';

const eventId = new URLSearchParams(location.search).get('event');
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

async function sha256Hex(hex) {
  const bytes = new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function row(cells, header) {
  const tr = document.createElement('tr');
  cells.forEach((value, i) => {
    const cell = document.createElement(i === 0 && header ? 'th' : 'td');
    cell.textContent = value;
    tr.append(cell);
  });
  return tr;
}

function svg(name, attributes, content) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
  if (content !== undefined) node.textContent = content;
  return node;
}

async function showPublished(published) {
  $('commitment').textContent = published.commitment;
  $('committed-at').textContent = new Date(published.committedAt).toLocaleString();
  $('algorithm').textContent = published.algorithm;
  $('verify-command').textContent = `java scripts/VerifyFairness.java ${location.origin} ${eventId} --commitment=${published.commitment}`;
  if (!published.revealed) {
    $('seed-check').textContent = `The seed is revealed when the sale opens (${new Date(published.onSaleAt).toLocaleString()}). Note the commitment to compare then.`;
    return;
  }
  $('seed').textContent = published.seed;
  const matches = await sha256Hex(published.seed) === published.commitment;
  $('seed-check').textContent = matches ? '✓ SHA-256 of the revealed seed is the commitment'
    : '✗ SHA-256 of the revealed seed is NOT the commitment';
  $('seed-check').dataset.matches = matches;
}

async function checkReceipt(event) {
  event?.preventDefault();
  const receipt = $('receipt').value.trim();
  if (!receipt) return;
  fail();
  try {
    const place = await call('POST', `/events/${eventId}/queue/fairness/receipt`, { receipt });
    localStorage.setItem(`boxoffice.receipt.${eventId}`, receipt);
    const joined = new Date(place.joinedAt).toLocaleString();
    if (!place.revealed) $('place').textContent = `Valid receipt: you joined the pre-queue at ${joined}. Your place is decided when the sale opens.`;
    else if (!place.preQueue) $('place').textContent = `Valid receipt: you joined at ${joined}, after the opening, and queued in order of arrival.`;
    else if (place.listed) $('place').textContent = `Valid receipt: you joined at ${joined}; your place in the pre-queue is ${place.place.toLocaleString()} of ${place.preQueueSize.toLocaleString()}.`;
    else $('place').textContent = 'Valid receipt, but its entry is missing from the published pre-queue: please report this.';
    $('place-proof').textContent = place.proof + (place.key ? ` Your key: ${place.key}.` : '');
  } catch (problem) {
    $('place').textContent = '';
    $('place-proof').textContent = '';
    fail(problem);
  }
}

function drawRate(rate) {
  const chart = $('rate-chart');
  const minutes = rate.perMinute.length ? rate.perMinute : [0];
  const highest = Math.max(rate.configuredPerMinute, ...minutes, 1);
  const width = Math.max(2, Math.floor(600 / minutes.length) - 2);
  chart.replaceChildren(...minutes.map((count, i) => {
    const height = 140 * count / highest;
    const bar = svg('rect', { x: 20 + i * (width + 2), width, y: 150 - height, height, 'data-admitted': count });
    bar.append(svg('title', {}, `minute ${i + 1} after the opening: ${count} admitted`));
    return bar;
  }));
  const setting = 150 - 140 * rate.configuredPerMinute / highest;
  chart.append(svg('line', { x1: 18, y1: 150, x2: 620, y2: 150 }),
    svg('line', { x1: 18, y1: setting, x2: 620, y2: setting, class: 'setting', 'stroke-dasharray': '4 3' }),
    svg('text', { x: 620, y: setting - 3, 'text-anchor': 'end' }, `setting: ${rate.configuredPerMinute}/min`),
    svg('text', { x: 18, y: 160, 'text-anchor': 'start' }, 'opening'),
    svg('text', { x: 620, y: 160, 'text-anchor': 'end' }, `minute ${minutes.length}`));
  $('rate-summary').textContent = `Busiest minute: ${rate.busiestMinute} admitted (setting ${rate.configuredPerMinute}); busiest second: ${rate.busiestSecond}.`;
  chart.setAttribute('aria-label', $('rate-summary').textContent);
}

function showReport(report) {
  const e = report.entries;
  $('stat-prequeue').textContent = `${e.preQueueAdmitted.toLocaleString()} of ${e.preQueue.toLocaleString()} admitted`;
  $('stat-later').textContent = `${e.laterJoinersAdmitted.toLocaleString()} of ${e.laterJoiners.toLocaleString()} admitted`;
  const refused = Object.values(report.rejections).reduce((a, b) => a + b, 0);
  $('stat-refused').textContent = refused.toLocaleString();
  const bypass = report.notThroughQueue.holders + report.notThroughQueue.buyers;
  $('stat-bypass').textContent = bypass === 0 ? 'none' : `${report.notThroughQueue.holders} holders, ${report.notThroughQueue.buyers} buyers`;
  drawRate(report.admissionRate);
  const waits = [];
  for (const [label, w] of [['Pre-queue', report.waitSeconds.preQueue], ['Joined later', report.waitSeconds.laterJoiners]]) {
    if (w) waits.push(row([label, w.count, w.p50, w.p90, w.p99, w.max], true));
  }
  $('waits').replaceChildren(...waits);
  const c = report.joinVersusAdmissionOrder;
  const fmt = (v) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));
  $('correlation').textContent = `Spearman correlation of joining order and admission order: pre-queue ${fmt(c.preQueue)} `
    + `(near 0: coming early within the pre-queue bought nothing), later joiners ${fmt(c.laterJoiners)} (near 1: first come, first served).`;
  const reasons = Object.entries(report.rejections);
  $('rejections').replaceChildren(...(reasons.length ? reasons.map(([reason, count]) => row([reason, count.toLocaleString()], true))
    : [row(['none', ''], true)]));
  const s = report.seed;
  $('seed-verification').textContent = (s.committedInTime ? `✓ committed at ${new Date(s.committedAt).toLocaleString()}, before the opening and the first entry; `
    : `✗ committed at ${new Date(s.committedAt).toLocaleString()}, NOT before the opening and the first entry; `)
    + (s.commitmentMatches ? '✓ the seed matches its commitment; ' : '✗ the seed does NOT match its commitment; ')
    + (s.orderMatches ? `✓ the ${s.preQueueAdmittedChecked.toLocaleString()} pre-queue buyers let in so far were let in exactly in the seed's order.`
      : `✗ admission left the seed's order at place ${s.firstMismatchAt}.`);
  $('generated').textContent = `Report of ${new Date(report.generatedAt).toLocaleString()}; the service works it out again every so often, not on each visit.`;
  $('report').hidden = false;
}

async function start() {
  if (!eventId) return fail('No event given: open this page as fairness.html?event=<id>');
  try {
    const event = await call('GET', `/events/${eventId}`);
    $('event-name').textContent = `Fairness of the waiting room: ${event.name}`;
    $('event-when').textContent = `On sale ${new Date(event.onSaleAt).toLocaleString()}`;
    const published = await call('GET', `/events/${eventId}/queue/fairness`);
    await showPublished(published);
    const saved = localStorage.getItem(`boxoffice.receipt.${eventId}`);
    if (saved) { $('receipt').value = saved; await checkReceipt(); }
    if (published.revealed) showReport(await call('GET', `/events/${eventId}/queue/fairness/report`));
  } catch (problem) {
    fail(problem);
  }
}

$('receipt-form').addEventListener('submit', checkReceipt);
start();
