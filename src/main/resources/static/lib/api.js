// The one API client of the pages: the access token of this tab, problem details turned into messages, seat streams.
const TOKEN = 'boxoffice.accessToken';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN); },
  signedIn() { return !!sessionStorage.getItem(TOKEN); },
  // the token lives as long as the tab: sessionStorage, not localStorage, so it is not left behind on a shared computer
  keep(token) { sessionStorage.setItem(TOKEN, token); },
  signOut() { sessionStorage.removeItem(TOKEN); },
  /** The roles the token claims (the service checks them again on every call; this only decides what to show). */
  roles() {
    try {
      const claims = JSON.parse(atob(this.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return claims.roles || [];
    } catch {
      return [];
    }
  },
  organizes() { return this.roles().some((r) => r === 'ORGANIZER' || r === 'ADMIN'); },
};

/** The header's links that depend on who is signed in: sign-out for anyone, the organizer pages for organizers. */
export function showSessionLinks() {
  const signOut = document.getElementById('sign-out');
  if (signOut) signOut.hidden = !session.signedIn();
  const organizer = document.getElementById('organizer-link');
  if (organizer) organizer.hidden = !session.organizes();
}

/** An API answer that is not a success: the problem detail, with a message a person can read. */
export class Problem extends Error {
  constructor(status, body, retryAfter) {
    super(messageOf(status, body, retryAfter));
    this.status = status;
    this.body = body || {};
    this.type = (this.body.type || '').split('/').pop();
    this.retryAfter = retryAfter;
  }
}

/** What each problem type means to a person using the pages. */
export const MESSAGES = {
  'seats-unavailable': 'Someone else just took some of these seats; they are marked on the map. Pick others.',
  'not-enough-seats': 'There are not that many seats together any more. Try fewer, or another category.',
  'hold-expired': 'Your hold has expired and its seats may be gone. Pick seats again.',
  'payment-declined': 'The card was declined. Your seats stay held until the timer runs out: try another card.',
  'payment-gateway-error': 'The payment provider failed and nothing was charged. Try again.',
  'payment-attempts-exhausted': 'Too many payment attempts for these seats. Release them and pick seats again later.',
  'limit-exceeded': 'That is more seats than this event allows per buyer (counting seats you hold or bought).',
  'admission-required': 'This sale has a waiting room: join the queue first.',
  'not-on-sale': 'This event is not on sale right now.',
  'email-verification-required': 'This sale is only for buyers with a verified e-mail address: verify yours, then sign in again.',
  'hold-limit-reached': 'You have placed as many holds as this event allows in an hour.',
  'rate-limited': 'Too many requests from you just now.',
  'too-many-requests': 'Too many requests from you just now.',
  'service-unavailable': 'The service is very busy right now.',
  'too-many-streams': 'Too many live seat maps are open right now; this one is shown without live updates.',
  'checkout-in-progress': 'This payment is still being processed: wait a moment, then look at your orders.',
  'request-in-progress': 'This request is still being processed: wait a moment.',
  'idempotency-key-reused': 'This payment was already sent with other details. Reload the page and try again.',
  'invalid-credentials': 'E-mail or password is wrong.',
  'email-taken': 'An account with this e-mail already exists: sign in instead.',
  'extension-limit': 'This hold cannot be extended any further.',
  'not-cancellable': 'This order can no longer be cancelled.',
  'unauthorized': 'Your session has ended: sign in again.',
  'forbidden': 'Your account may not do this.',
  'not-found': 'Not found: it may have expired or been removed.',
  'queue-not-open': 'The queue for this event is not open yet.',
  'no-waiting-room': 'This event has no waiting room: buy on its page.',
  'fairness-not-revealed': 'The shuffle seed, the places and the report are published when the sale opens.',
  'receipt-invalid': 'This is not a valid queue receipt of this event: it was changed, cut short or is from another event.',
  'proof-of-work-invalid': 'The browser check did not pass. Join again.',
  'proof-of-work-replayed': 'The browser check was used already. Join again.',
  'internal-error': 'Something went wrong on our side. Try again.',
  'request-timeout': 'The service took too long to answer. Try again.',
  'ticket-code-unreadable': 'Not a ticket code.',
  'ticket-code-forged': 'Forged or altered ticket code: do not let in.',
  'ticket-code-expired': 'An old code (a screenshot or copy): ask for the live ticket on the phone.',
  'static-code-not-allowed': 'Printed codes are not accepted for this event: ask for the ticket on the phone.',
  'ticket-cancelled': 'This ticket was cancelled and refunded: do not let in.',
  'ticket-for-another-event': 'This ticket is for another event.',
  'already-checked-in': 'Already checked in.',
};

/** Problem types about a request's content, whose detail the service writes for people: it is the message. */
export const DETAIL_IS_THE_MESSAGE = new Set(['invalid-request', 'malformed-request', 'missing-header', 'payload-too-large',
  'invalid-idempotency-key', 'duplicate-seats', 'unknown-seats', 'unknown-section', 'unknown-category', 'unknown-venue',
  'weak-password', 'invalid-verification-token', 'no-email', 'request-rejected']);

function messageOf(status, body, retryAfter) {
  const type = ((body && body.type) || '').split('/').pop();
  const message = (!DETAIL_IS_THE_MESSAGE.has(type) && MESSAGES[type]) || (body && body.detail) || `The request failed (${status}).`;
  return status === 429 || status === 503 ? `${message} Try again in ${wait(retryAfter || 1)}.` : message;
}

function wait(seconds) {
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

let serverOffset = 0;

/** The service's time now, as its last answer's Date header tells (a device's clock may be minutes off). */
export function serverNow() {
  return Date.now() + serverOffset;
}

/** Calls the API; resolves to the JSON body, rejects with a Problem. A 401 signs the tab out. */
export async function call(method, path, body, headers = {}) {
  const all = { ...headers };
  if (body !== undefined) all['Content-Type'] = 'application/json';
  if (session.token) all.Authorization = `Bearer ${session.token}`;
  const response = await fetch(`/api/v1${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  const date = Date.parse(response.headers.get('Date') || '');
  if (!Number.isNaN(date)) serverOffset = date - Date.now();
  const json = (response.headers.get('content-type') || '').includes('json') ? await response.json() : null;
  if (response.ok) return json;
  if (response.status === 401 && session.token) session.signOut();
  throw new Problem(response.status, json, Number(response.headers.get('Retry-After') || 0));
}

/** Fetches an image or file the API serves only with the tab's token; resolves to an object URL for it. */
export async function blobUrl(path) {
  const response = await fetch(`/api/v1${path}`, { headers: session.token ? { Authorization: `Bearer ${session.token}` } : {} });
  if (!response.ok) {
    const json = (response.headers.get('content-type') || '').includes('json') ? await response.json() : null;
    throw new Problem(response.status, json, Number(response.headers.get('Retry-After') || 0));
  }
  return URL.createObjectURL(await response.blob());
}

export async function signIn(email, password) {
  const answer = await call('POST', '/auth/token', { email, password });
  session.keep(answer.accessToken);
}

export async function signUp(email, password, displayName) {
  await call('POST', '/auth/register', { email, password, displayName });
  await signIn(email, password);
}

/**
 * Follows an event's seats: onSnapshot(seats map body) first, then onChanges({seq, seats: [{id, status}]}).
 * The browser's EventSource reconnects by itself with Last-Event-ID; the server answers with what was missed or a
 * fresh snapshot. A node at its cap of seat streams refuses the stream (the EventSource then gives up): the seats are
 * read instead, once when no snapshot came within 3 s, and every 5 s while the stream stays refused.
 */
export function followSeats(eventId, onSnapshot, onChanges) {
  const stream = new EventSource(`/api/v1/events/${eventId}/seats/stream`);
  let heard = false;
  const read = async () => {
    try { onSnapshot(await call('GET', `/events/${eventId}/seats`)); } catch { /* the next read, or the stream, tries again */ }
  };
  stream.addEventListener('snapshot', (e) => { heard = true; onSnapshot(JSON.parse(e.data)); });
  stream.addEventListener('changes', (e) => onChanges(JSON.parse(e.data)));
  setTimeout(() => { if (!heard) read(); }, 3000);
  setInterval(() => { if (stream.readyState === EventSource.CLOSED) read(); }, 5000);
  return stream;
}

export function money(m) {
  return m ? `${Number(m.amount).toFixed(2)} ${m.currency}` : '';
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}
