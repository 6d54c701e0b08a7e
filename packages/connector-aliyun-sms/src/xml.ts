// A strict reader for the flat XML that Alibaba Cloud's RPC APIs answer when JSON was not asked
// for (or a gateway ignored the request): `<?xml …?><Root><Name>text</Name>…</Root>`. It returns the
// children as strings, or undefined for anything else (an HTML page, nested elements, comments,
// attributes, unknown entities), so such a body is reported as one that could not be read.

const name = '[A-Za-z_][A-Za-z0-9_.-]*';
const declaration = /\s*<\?xml\s[^<>?]*\?>/y;
const openTag = new RegExp(`\\s*<(${name})\\s*(/?)>`, 'y');
const whitespace = /\s*/y;
const text = /[^<]+/y;

const entities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** A code point XML allows in text: tab, newline, carriage return and U+0020 onwards, no surrogates. */
const allowedCodePoint = (point: number) =>
  point === 0x9 ||
  point === 0xa ||
  point === 0xd ||
  (point >= 0x20 && point <= 0xd7ff) ||
  (point >= 0xe000 && point <= 0xfffd) ||
  (point >= 0x10000 && point <= 0x10ffff);

/** Text with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NNN;` and `&#xHH;` decoded. */
const decodeText = (raw: string): string | undefined => {
  let result = '';
  let last = 0;
  for (const match of raw.matchAll(/&([^;&<]*);?/g)) {
    const [whole, reference = ''] = match;
    if (!whole.endsWith(';')) return undefined;
    let decoded = entities[reference];
    if (decoded === undefined) {
      const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(reference);
      if (!numeric) return undefined;
      const point = numeric[1] === undefined ? Number(numeric[2]) : parseInt(numeric[1], 16);
      if (!allowedCodePoint(point)) return undefined;
      decoded = String.fromCodePoint(point);
    }
    result += raw.slice(last, match.index) + decoded;
    last = match.index + whole.length;
  }
  return result + raw.slice(last);
};

/** Reads `<Root><A>1</A><B/>…</Root>` into `{ A: '1', B: '' }`; undefined for anything else. */
export const readFlatXml = (body: string): Record<string, string> | undefined => {
  const source = body.startsWith('\uFEFF') ? body.slice(1) : body;
  let at = 0;
  const take = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (match) at = pattern.lastIndex;
    return match ?? undefined;
  };
  const takeClose = (element: string) =>
    take(new RegExp(`</${element.replaceAll('.', '\\.')}\\s*>`, 'y')) !== undefined;
  const atEnd = () => {
    take(whitespace);
    return at === source.length;
  };

  take(declaration);
  const root = take(openTag);
  if (!root) return undefined;
  const [, rootName = '', rootEmpty] = root;
  const fields = new Map<string, string>();
  if (rootEmpty) return atEnd() ? {} : undefined;

  for (;;) {
    take(whitespace);
    if (takeClose(rootName)) break;
    const child = take(openTag);
    if (!child) return undefined;
    const [, childName = '', childEmpty] = child;
    if (fields.has(childName)) return undefined;
    let value = '';
    if (!childEmpty) {
      for (;;) {
        const chunk = take(text);
        if (chunk) {
          const decoded = decodeText(chunk[0]);
          if (decoded === undefined) return undefined;
          value += decoded;
        } else if (source.startsWith('<![CDATA[', at)) {
          const end = source.indexOf(']]>', at);
          if (end < 0) return undefined;
          value += source.slice(at + '<![CDATA['.length, end);
          at = end + ']]>'.length;
        } else if (takeClose(childName)) {
          break;
        } else {
          // A nested element, a comment, a stray `<` or the end of the body.
          return undefined;
        }
      }
    }
    fields.set(childName, value);
  }
  return atEnd() ? Object.fromEntries(fields) : undefined;
};
