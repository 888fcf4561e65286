/**
 * A small reader for Salesforce metadata XML (elements, text, entities; no mixed content, DTDs or
 * CDATA, which metadata files do not use). Anything else is refused with the file and offset.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's text with entities decoded; '' when it has child elements. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: () => string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_match, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`${where()}: unknown entity &${entity};`);
    return value;
  });
}

/**
 * Parses one XML document into its root element.
 * @param source names the document in error messages (usually its path)
 * @throws Error on anything that is not well-formed or not the simple shape metadata uses
 */
export function parseXml(xml: string, source: string): XmlElement {
  let at = 0;
  const where = () => `${source} (offset ${at})`;
  const skipSpaceAndComments = () => {
    for (;;) {
      const before = at;
      while (at < xml.length && /\s/.test(xml.charAt(at))) at += 1;
      if (xml.startsWith('<!--', at)) {
        const end = xml.indexOf('-->', at);
        if (end < 0) throw new Error(`${where()}: unterminated comment`);
        at = end + 3;
      }
      if (at === before) return;
    }
  };

  function element(): XmlElement {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>/.exec(xml.slice(at));
    if (!open) throw new Error(`${where()}: expected an element`);
    const [whole, name = '', rawAttributes = '', selfClosing] = open;
    const attributes: Record<string, string> = {};
    for (const match of rawAttributes.matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g)) {
      attributes[match[1] ?? ''] = decode(match[2] ?? '', where);
    }
    at += whole.length;
    if (selfClosing === '/') return { name, attributes, children: [], text: '' };

    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = xml.indexOf('<', at);
      if (next < 0) throw new Error(`${where()}: <${name}> is never closed`);
      text += xml.slice(at, next);
      at = next;
      if (xml.startsWith('<!--', at)) {
        skipSpaceAndComments();
      } else if (xml.startsWith('</', at)) {
        const close = /^<\/([\w.:-]+)\s*>/.exec(xml.slice(at));
        if (close?.[1] !== name) throw new Error(`${where()}: expected </${name}>`);
        at += close[0].length;
        break;
      } else if (xml.startsWith('<![CDATA[', at) || xml.startsWith('<!', at) || xml.startsWith('<?', at)) {
        throw new Error(`${where()}: CDATA, declarations and processing instructions are not supported here`);
      } else {
        children.push(element());
      }
    }
    if (children.length > 0 && text.trim() !== '') {
      throw new Error(`${where()}: <${name}> mixes text and elements`);
    }
    return { name, attributes, children, text: children.length > 0 ? '' : decode(text, where) };
  }

  if (xml.startsWith('\uFEFF')) at = 1;
  skipSpaceAndComments();
  if (xml.startsWith('<?xml', at)) {
    const end = xml.indexOf('?>', at);
    if (end < 0) throw new Error(`${where()}: unterminated XML declaration`);
    at = end + 2;
  }
  skipSpaceAndComments();
  const root = element();
  skipSpaceAndComments();
  if (at !== xml.length) throw new Error(`${where()}: content after the root element`);
  return root;
}

/** The child elements of `parent` named `name`, in document order. */
export function childrenNamed(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

/** The text of the only child named `name`; undefined when there is none. */
export function childText(parent: XmlElement, name: string): string | undefined {
  const found = childrenNamed(parent, name);
  if (found.length > 1)
    throw new Error(`<${parent.name}> has ${found.length} <${name}> elements, expected one`);
  return found[0]?.text;
}
