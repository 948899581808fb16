// The waiting room page: sign in, prove work (ALTCHA), wait with a live position, then hold seats with the admission token.
const params = new URLSearchParams(location.search);
const eventId = params.get('event');
const api = (path) => `/api/v1${path}`;
const $ = (id) => document.getElementById(id);
// the token lives as long as the tab: sessionStorage, not localStorage, so it is not left behind on a shared computer
let token = sessionStorage.getItem('boxoffice.accessToken');
let firstPosition = null;
let pollTimer = null;

function show(section) {
  for (const id of ['login', 'join', 'waiting', 'admitted', 'expired']) $(id).hidden = id !== section;
}

function fail(message) { $('error').textContent = message; }

async function call(path, options = {}) {
  const headers = { 'Content-Type': 'application/json', ...(options.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(api(path), { ...options, headers });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (response.status === 401) { sessionStorage.removeItem('boxoffice.accessToken'); token = null; show('login'); }
  return { status: response.status, body, retryAfter: Number(response.headers.get('Retry-After') || 0) };
}

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

function render(status) {
  if (status.status === 'ADMITTED') {
    sessionStorage.setItem(`boxoffice.admission.${eventId}`, status.admissionToken);
    $('admitted-until').textContent = `Hold and buy your seats before ${new Date(status.admissionExpiresAt).toLocaleTimeString()}.`;
    show('admitted');
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
  const result = await call(`/events/${eventId}/queue/me`);
  if (result.status === 200 && render(result.body)) {
    pollTimer = setTimeout(poll, nextPoll(result.body));
  } else if (result.status === 429 || result.status === 503) {
    pollTimer = setTimeout(poll, Math.max(result.retryAfter, 5) * 1000);
  } else if (result.status === 404) {
    show('join');
  }
}

async function join() {
  $('join-button').disabled = true;
  $('error').textContent = '';
  try {
    const challenge = await call(`/events/${eventId}/queue/challenge`);
    if (challenge.status !== 200) throw new Error(challenge.body?.detail || 'The queue is not open');
    const proofOfWork = await solve(challenge.body);
    const joined = await call(`/events/${eventId}/queue`, { method: 'POST', body: JSON.stringify({ proofOfWork }) });
    if (joined.status !== 202) throw new Error(joined.body?.detail || 'Could not join');
    if (render(joined.body)) pollTimer = setTimeout(poll, nextPoll(joined.body));
  } catch (e) {
    fail(e.message);
  } finally {
    $('join-button').disabled = false;
  }
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const result = await call('/auth/token', { method: 'POST', body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) });
  if (result.status !== 200) return fail(result.body?.detail || 'Sign-in failed');
  token = result.body.accessToken;
  sessionStorage.setItem('boxoffice.accessToken', token);
  start();
});

$('join-button').addEventListener('click', join);

$('hold-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const quantity = Number(new FormData(e.target).get('quantity'));
  const admission = sessionStorage.getItem(`boxoffice.admission.${eventId}`);
  const hold = await call(`/events/${eventId}/holds`, { method: 'POST', headers: { 'Admission-Token': admission },
    body: JSON.stringify({ best: { quantity } }) });
  $('hold-result').textContent = hold.status === 201
    ? `Held: ${hold.body.seats.map((s) => s.label).join(', ')} — total ${hold.body.total.amount} ${hold.body.total.currency}, until ${new Date(hold.body.expiresAt).toLocaleTimeString()}.`
    : (hold.body?.detail || 'Could not hold seats');
});

async function start() {
  if (!eventId) return fail('No event given: open this page as queue.html?event=<id>');
  const event = await call(`/events/${eventId}`);
  if (event.status === 200) {
    $('event-name').textContent = event.body.name;
    $('event-when').textContent = `On sale ${new Date(event.body.onSaleAt).toLocaleString()}`;
  }
  if (!token) return show('login');
  await poll();
}

start();
