// A small XML reader for pyx12's map files: elements, attributes and text, comments and the
// XML declaration skipped, the five predefined entities decoded. Enough for these files (no
// CDATA, no DTD, no namespaces in use), so the generator needs no dependency.

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text) {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, name) => {
    if (name[0] !== '#') return ENTITIES[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * Parses an XML document into { tag, attrs, children, text } nodes and returns the root.
 * `text` is the node's own character data, trimmed.
 */
export function parseXml(source) {
  const root = { tag: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([A-Za-z_][\w.-]*)\s*>|<([A-Za-z_][\w.-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let match;
  let expected = 0;
  while ((match = token.exec(source)) !== null) {
    if (match.index !== expected) throw new Error(`XML: cannot read ${source.slice(expected, expected + 40)} at offset ${expected}`);
    expected = token.lastIndex;
    const top = stack[stack.length - 1];
    if (match[1] !== undefined) {
      top.text += match[1];
    } else if (match[2] !== undefined) {
      if (top.tag !== match[2]) throw new Error(`XML: </${match[2]}> closes <${top.tag}> at offset ${match.index}`);
      top.text = top.text.trim();
      stack.pop();
    } else if (match[3] !== undefined) {
      const attrs = {};
      for (const a of match[4].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decode(a[2] ?? a[3]);
      const node = { tag: match[3], attrs, children: [], text: '' };
      top.children.push(node);
      if (match[5] !== '/') stack.push(node);
    } else if (match[6] !== undefined) {
      top.text += decode(match[6]);
    }
  }
  if (expected !== source.length) throw new Error(`XML: cannot read ${source.slice(expected, expected + 40)} at offset ${expected}`);
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1].tag}> is not closed`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error('XML: expected one root element');
  return elements[0];
}

/** The child elements named `tag`. */
export function childrenNamed(node, tag) {
  return node.children.filter((c) => c.tag === tag);
}

/** The text of the first child named `tag` (or the attribute of that name), else undefined. */
export function field(node, tag) {
  if (node.attrs[tag] !== undefined) return node.attrs[tag];
  const child = node.children.find((c) => c.tag === tag);
  return child ? child.text : undefined;
}
