// The console's start: the sign-in form, sign-out, and the routes to the views.
import { api } from './api.js';
import { render, route, stop } from './router.js';
import { signIn, signOut, token } from './session.js';
import { accountView } from './views/account.js';
import { callView } from './views/call.js';
import { callsView } from './views/calls.js';
import { orgView } from './views/org.js';
import { orgsView } from './views/orgs.js';
import { runView } from './views/run.js';

route('/orgs', orgsView);
route('/orgs/:org', orgView);
route('/orgs/:org/calls', callsView);
route('/orgs/:org/runs/:runId', runView);
route('/orgs/:org/accounts/:accountId', accountView);
route('/calls/:callId', callView);

const form = document.getElementById('sign-in');
const notice = document.getElementById('notice');
const signOutButton = document.getElementById('sign-out');
const nav = document.getElementById('nav');

function say(text) {
  notice.textContent = text ?? '';
  notice.hidden = !text;
}

function showSignIn(message) {
  stop();
  say(message);
  form.hidden = false;
  nav.hidden = true;
  signOutButton.hidden = true;
  form.elements.namedItem('token').focus();
}

function showConsole() {
  form.hidden = true;
  nav.hidden = false;
  signOutButton.hidden = false;
  // A new hash renders on its hashchange.
  if (window.location.hash.startsWith('#/')) void render();
  else window.location.replace('#/orgs');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = form.elements.namedItem('token');
  const value = input.value.trim();
  if (!value) return;
  signIn(value);
  try {
    // A token the server refuses signs out again (the api module says why).
    await api('/orgs');
  } catch (error) {
    if (error.status !== 401) say(`The server did not answer: ${error.message}`);
    return;
  }
  input.value = '';
  say('');
  showConsole();
});

signOutButton.addEventListener('click', () => {
  signOut();
  showSignIn('Signed out.');
});

window.addEventListener('pulse:unauthorized', (event) => {
  showSignIn(event.detail);
});

window.addEventListener('hashchange', () => {
  if (token()) void render();
});

if (token()) showConsole();
else showSignIn('');
