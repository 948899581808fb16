// The door: a code from a hand scanner (which types it and presses Enter), typed by hand, or read from the camera
// where the browser has a barcode detector; the answer in big green or red.
import { call, Problem, session, showSessionLinks } from './lib/api.js';
import { wireSignIn } from './lib/signin.js';

const $ = (id) => document.getElementById(id);

function fail(problem) { $('error').textContent = problem ? problem.message || String(problem) : ''; }

function answer(letIn, headline, detail) {
  $('answer').hidden = false;
  $('answer').className = `answer ${letIn ? 'in' : 'out'}`;
  $('answer').setAttribute('data-result', letIn ? 'in' : 'out');
  $('answer').textContent = headline;
  $('answer-detail').textContent = detail;
}

async function checkIn(barcode) {
  fail();
  // never leave the last guest's answer up while this one is checked
  $('answer').hidden = true;
  $('answer-detail').textContent = '';
  const body = { barcode: barcode.trim() };
  const door = $('door-event').value.trim();
  if (door) body.eventId = door;
  try {
    const ticket = await call('POST', '/checkin', body);
    answer(true, `In: ${ticket.seat}`, `Ticket ${ticket.ticketId} checked in at ${new Date(ticket.checkedInAt).toLocaleTimeString()}.`);
  } catch (problem) {
    const at = problem.body && problem.body.checkedInAt;
    const first = at ? ` First scan at ${new Date(at).toLocaleTimeString()}.` : '';
    const unchecked = !(problem instanceof Problem); // no answer from the service (offline): say so, do not guess
    answer(false, unchecked ? 'Not checked' : problem.type === 'already-checked-in' ? 'Already in' : 'Not in',
      unchecked ? `The service could not be reached (${problem.message}). Scan again.` : problem.message + first);
  }
  $('barcode').value = '';
  $('barcode').focus();
}

/** The camera, where the browser can find QR codes in its pictures (BarcodeDetector); typing stays possible. */
async function useCamera() {
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const video = $('preview');
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.hidden = false;
  await video.play();
  let last = '';
  const look = async () => {
    const found = await detector.detect(video).catch(() => []);
    if (found.length && found[0].rawValue !== last) {
      last = found[0].rawValue;
      await checkIn(last);
    }
    requestAnimationFrame(look);
  };
  look();
}

function show() {
  fail();
  showSessionLinks();
  const scanner = session.roles().some((r) => r === 'SCANNER' || r === 'ADMIN');
  $('signin').hidden = scanner;
  $('door').hidden = !scanner;
  if (session.signedIn() && !scanner) fail({ message: 'This account may not check tickets in: sign in with a scanner account.' });
  if (scanner) $('barcode').focus();
}

$('door-event').value = new URLSearchParams(location.search).get('event') || '';
$('scan-form').addEventListener('submit', (e) => { e.preventDefault(); checkIn($('barcode').value); });
$('camera').hidden = !('BarcodeDetector' in window && navigator.mediaDevices);
$('camera').addEventListener('click', () => useCamera().catch((e) => fail({ message: `The camera cannot be used: ${e.message}` })));
wireSignIn(show, fail);
show();
