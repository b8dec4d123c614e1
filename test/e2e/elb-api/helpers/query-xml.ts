/**
 * A reader for the Query APIs' XML answers (elements, text, entities; attributes such as `xmlns`
 * are dropped): `<member>` lists become arrays, other elements objects keyed by tag, leaves strings.
 * Enough for AWS's answer shapes, which have no mixed content; not a general XML parser.
 */
export type XmlValue = string | XmlValue[] | { [tag: string]: XmlValue };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e];
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Parses `xml` into nested values; the root element's name is the single key of the result. */
export function parseQueryXml(xml: string): { [tag: string]: XmlValue } {
  const tokens = xml.replace(/<\?xml[^>]*\?>/, '').match(/<[^>]+>|[^<]+/g) ?? [];
  let i = 0;
  const element = (open: string): XmlValue => {
    const name = /^<([\w:.-]+)/.exec(open)![1];
    if (open.endsWith('/>')) return '';
    const children: Array<[string, XmlValue]> = [];
    let text = '';
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.startsWith('</')) {
        if (t !== `</${name}>`) throw new Error(`unbalanced XML: ${t} closes <${name}>`);
        if (children.length === 0) return decode(text);
        if (children.every(([tag]) => tag === 'member' || tag === 'item')) return children.map(([, v]) => v);
        const out: { [tag: string]: XmlValue } = {};
        for (const [tag, v] of children) out[tag] = v;
        return out;
      }
      if (t.startsWith('<')) children.push([/^<([\w:.-]+)/.exec(t)![1], element(t)]);
      else text += t;
    }
    throw new Error(`unterminated <${name}>`);
  };
  while (i < tokens.length && !tokens[i].startsWith('<')) i++;
  const root = tokens[i++];
  if (!root) throw new Error(`not XML: ${xml.slice(0, 200)}`);
  return { [/^<([\w:.-]+)/.exec(root)![1]]: element(root) };
}
