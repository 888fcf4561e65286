// The bearer token, kept in this tab's session storage only (gone when the tab closes).
const KEY = 'pulse.consoleToken';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.clear();
}
