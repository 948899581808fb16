// The waiting room page: sign in, prove work (ALTCHA), wait with a live position; once admitted, on to the event's seat
// map, which sends the admission token with its holds.
import { call, session, showSessionLinks } from './lib/api.js';
import { wireSignIn } from './lib/signin.js';

const eventId = new URLSearchParams(location.search).get('event');
const $ = (id) => document.getElementById(id);
let firstPosition = null;

function show(section) {
  for (const id of ['login', 'join', 'waiting', 'admitted', 'expired']) $(id).hidden = id !== section;
}

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

function formatWait(seconds) {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} minute${minutes === 1 ? '' : 's'}` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ALTCHA: find the number n with SHA-256(salt + n) = challenge, then send base64 of the JSON payload.
async function solve(challenge) {
  for (let n = 0; n <= challenge.maxnumber; n++) {
    if (await sha256Hex(challenge.salt + n) === challenge.challenge) {
      return btoa(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number: n,
        salt: challenge.salt, signature: challenge.signature }));
    }
  }
  throw new Error('no solution found');
}

/** Shows the status; true while the buyer still waits. */
function render(status) {
  if (status.status === 'ADMITTED') {
    sessionStorage.setItem(`boxoffice.admission.${eventId}`, status.admissionToken);
    $('admitted-until').textContent = `Hold and buy your seats before ${new Date(status.admissionExpiresAt).toLocaleTimeString()}.`;
    $('to-seats').href = `/event.html?event=${eventId}`;
    show('admitted');
    // the hand-off: straight on to the seat map, as a waiting room does (the link stays for a browser that blocks it)
    setTimeout(() => location.assign($('to-seats').href), 1500);
    return false;
  }
  if (status.status === 'EXPIRED') { show('expired'); return false; }
  if (firstPosition === null || status.position > firstPosition) firstPosition = status.position;
  $('position').textContent = status.preQueue ? `In the pre-queue (${status.position} waiting)` : `You are number ${status.position.toLocaleString()}`;
  $('prequeue-note').hidden = !status.preQueue;
  $('eta').textContent = `Estimated wait: ${formatWait(status.estimatedWaitSeconds)}`;
  const done = firstPosition > 0 ? Math.round(100 * (firstPosition - status.position) / firstPosition) : 0;
  $('progress').style.width = `${done}%`;
  show('waiting');
  return true;
}

// near the front the page asks more often (every 2 s), far back every 10 s: the turn is seen soon, the service spared
function nextPoll(status) {
  return Math.min(10_000, Math.max(2_000, (status.estimatedWaitSeconds || 0) * 500));
}

async function poll() {
  try {
    const status = await call('GET', `/events/${eventId}/queue/me`);
    if (render(status)) setTimeout(poll, nextPoll(status));
  } catch (problem) {
    if (problem.status === 429 || problem.status === 503) setTimeout(poll, Math.max(problem.retryAfter, 5) * 1000);
    else if (problem.status === 404) show('join');
    else if (problem.status === 401) show('login');
    else fail(problem);
  }
}

async function join() {
  $('join-button').disabled = true;
  fail();
  try {
    const proofOfWork = await solve(await call('GET', `/events/${eventId}/queue/challenge`));
    const joined = await call('POST', `/events/${eventId}/queue`, { proofOfWork });
    // the signed receipt proves the place later on the fairness page; it names no one, so it may outlive the tab
    if (joined.receipt) localStorage.setItem(`boxoffice.receipt.${eventId}`, joined.receipt);
    if (render(joined)) setTimeout(poll, nextPoll(joined));
  } catch (problem) {
    fail(problem);
  } finally {
    $('join-button').disabled = false;
  }
}

async function start() {
  showSessionLinks();
  if (!eventId) return fail('No event given: open this page as queue.html?event=<id>');
  $('fairness-link').href = `/fairness.html?event=${eventId}`;
  try {
    const event = await call('GET', `/events/${eventId}`);
    $('event-name').textContent = event.name;
    $('event-when').textContent = `On sale ${new Date(event.onSaleAt).toLocaleString()}`;
  } catch (problem) {
    return fail(problem);
  }
  if (!session.signedIn()) return show('login');
  await poll();
}

$('join-button').addEventListener('click', join);
wireSignIn(start, fail);
start();
