// Sign-in, sign-up and sign-out, shared by the pages that have them: forms #signin-form and #signup-form, button #sign-out.
import { session, signIn, signUp } from './api.js';

/** Wires the forms present on the page; onChange() runs after signing in or out, onProblem(problem) on a refusal. */
export function wireSignIn(onChange, onProblem) {
  const $ = (id) => document.getElementById(id);
  $('signin-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try { await signIn(form.get('email'), form.get('password')); onChange(); } catch (problem) { onProblem(problem); }
  });
  $('signup-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try { await signUp(form.get('email'), form.get('password'), form.get('displayName')); onChange(); } catch (problem) { onProblem(problem); }
  });
  $('sign-out')?.addEventListener('click', () => { session.signOut(); onChange(); });
}
