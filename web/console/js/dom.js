// Builds DOM elements without HTML strings (so nothing the API says is ever parsed as markup).
const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'class') {
      const text = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      if (text) element.setAttribute('class', text);
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** `h('a', {href: '#/orgs'}, 'Orgs')`; children: nodes, text, arrays; null and false are skipped. */
export function h(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** The same for SVG elements. */
export function s(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

/** A link inside the console (`#/...`). */
export function link(route, ...children) {
  return h('a', { href: `#${route}` }, ...children);
}
