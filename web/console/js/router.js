// Hash routes (`#/orgs/acme/calls?errorCode=X`): each names a view, an async function of the route's
// params and query that answers the view's element. A newer navigation aborts the one under way.
// When a view is shown, `#view[data-rendered]` holds its hash and its heading takes the focus.
import { h } from './dom.js';
import { errorBox, title } from './ui.js';

const routes = [];
let current;

/** `pattern`: `/orgs/:org/calls`. */
export function route(pattern, view) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}$`), names, view });
}

/** The href of a route, with the query's non-empty entries. */
export function href(path, query = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path, query) {
  const target = href(path, query);
  if (window.location.hash === target) void render();
  else window.location.hash = target;
}

function parse(hash) {
  const text = hash.replace(/^#/, '');
  const at = text.indexOf('?');
  return {
    path: at < 0 ? text : text.slice(0, at),
    query: new URLSearchParams(at < 0 ? '' : text.slice(at + 1)),
  };
}

function match(path) {
  for (const candidate of routes) {
    const found = candidate.regex.exec(path);
    if (found) {
      const params = {};
      candidate.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1]);
      });
      return { view: candidate.view, params };
    }
  }
  return undefined;
}

function container() {
  return document.getElementById('view');
}

function settle(view, hash) {
  view.removeAttribute('aria-busy');
  view.dataset.rendered = hash;
  const heading = view.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} · Pulse`;
    heading.focus();
  }
}

export async function render() {
  const view = container();
  const hash = window.location.hash;
  const { path, query } = parse(hash);
  const found = match(path);
  if (!found) {
    window.location.replace('#/orgs');
    return;
  }
  current?.abort();
  const controller = new AbortController();
  current = controller;
  view.setAttribute('aria-busy', 'true');
  delete view.dataset.rendered;
  view.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  let node;
  try {
    node = await found.view({ params: found.params, query, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted || error?.name === 'AbortError') return;
    node = h('div', null, title('Something went wrong'), errorBox(error));
  }
  if (controller.signal.aborted) return;
  view.replaceChildren(node);
  settle(view, hash);
}

/** Stops showing views (signed out). */
export function stop() {
  current?.abort();
  current = undefined;
  const view = container();
  view.replaceChildren();
  view.removeAttribute('aria-busy');
  delete view.dataset.rendered;
}
