// A strict reader for the flat XML that Alibaba Cloud's RPC APIs answer when JSON was not asked
// for (or a gateway ignored the request): `<?xml …?><Root><Name>text</Name>…</Root>`. It returns the
// children as strings, or undefined for anything else (an HTML page, nested elements, comments,
// attributes, unknown entities, names or counts beyond the bounds below), so such a body is reported
// as one that could not be read. It walks the text once with core's forward-only cursor: its work is
// linear in the body's length whatever the body holds (no pattern is built from the body's names).
import { countSteps, Cursor } from '@switchboard/core';

/** Longest element name read: Aliyun's are a few words (`SendMessageToGlobeResponse`). */
const maxXmlNameLength = 64;
/** Most child elements read: Aliyun's answers have fewer than ten. */
const maxXmlFields = 64;

const entities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
/** Longest reference between `&` and `;`: `#1114111`. */
const maxReferenceLength = 8;

/** A code point XML allows in text: tab, newline, carriage return and U+0020 onwards, no surrogates. */
const allowedCodePoint = (point: number) =>
  point === 0x9 ||
  point === 0xa ||
  point === 0xd ||
  (point >= 0x20 && point <= 0xd7ff) ||
  (point >= 0xe000 && point <= 0xfffd) ||
  (point >= 0x10000 && point <= 0x10ffff);

const isNameStart = (code: number) =>
  (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f; // A-Z a-z _
const isNameCode = (code: number) =>
  isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d; // 0-9 . -
const isDeclarationCode = (code: number) => code !== 0x3c && code !== 0x3e && code !== 0x3f; // < > ?

/** `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NNN;` or `&#xHH;` without its `&` and `;`. */
const decodeReference = (reference: string): string | undefined => {
  if (Object.hasOwn(entities, reference)) return entities[reference];
  const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(reference);
  if (!numeric) return undefined;
  const point = numeric[1] === undefined ? Number(numeric[2]) : parseInt(numeric[1], 16);
  return allowedCodePoint(point) ? String.fromCodePoint(point) : undefined;
};

/** Text up to the next `<` (or the end), references decoded; undefined on a malformed one. */
const readText = (cursor: Cursor): string | undefined => {
  let end = cursor.find('<');
  if (end < 0) end = cursor.text.length;
  // Searched on its own, so that no search runs past this text into the rest of the body.
  const raw = cursor.text.slice(cursor.at, end);
  cursor.at = end;
  countSteps(raw.length);
  let result = '';
  let last = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', last)) {
    const close = raw.indexOf(';', amp);
    if (close < 0 || close - amp - 1 > maxReferenceLength) return undefined;
    const decoded = decodeReference(raw.slice(amp + 1, close));
    if (decoded === undefined) return undefined;
    result += raw.slice(last, amp) + decoded;
    last = close + 1;
  }
  return result + raw.slice(last);
};

/** `<Name>` or `<Name/>` (spaces allowed before the `>`). */
const readOpenTag = (cursor: Cursor): { name: string; empty: boolean } | undefined => {
  cursor.skipSpace();
  if (!cursor.take('<')) return undefined;
  const start = cursor.at;
  if (!cursor.skip(isNameStart, 1)) return undefined;
  cursor.skip(isNameCode, maxXmlNameLength - 1);
  const name = cursor.text.slice(start, cursor.at);
  cursor.skipSpace();
  const empty = cursor.take('/');
  return cursor.take('>') ? { name, empty } : undefined;
};

/** `</Name>` (spaces allowed before the `>`), after its `</`. */
const readCloseTag = (cursor: Cursor, name: string) => {
  if (!cursor.take(name)) return false;
  cursor.skipSpace();
  return cursor.take('>');
};

/** Reads `<Root><A>1</A><B/>…</Root>` into `{ A: '1', B: '' }`; undefined for anything else. */
export const readFlatXml = (body: string): Record<string, string> | undefined => {
  const cursor = new Cursor(body);
  cursor.take('\uFEFF');
  cursor.skipSpace();
  if (cursor.take('<?xml')) {
    if (!cursor.skipSpace()) return undefined;
    cursor.skip(isDeclarationCode);
    if (!cursor.take('?>')) return undefined;
  }
  const root = readOpenTag(cursor);
  if (!root) return undefined;
  const fields = new Map<string, string>();
  const atEnd = () => {
    cursor.skipSpace();
    return cursor.atEnd;
  };
  if (root.empty) return atEnd() ? {} : undefined;

  for (;;) {
    cursor.skipSpace();
    if (cursor.take('</')) {
      if (!readCloseTag(cursor, root.name)) return undefined;
      break;
    }
    const child = readOpenTag(cursor);
    if (!child || fields.has(child.name) || fields.size >= maxXmlFields) return undefined;
    let value = '';
    while (!child.empty) {
      if (cursor.take('<![CDATA[')) {
        const end = cursor.find(']]>');
        if (end < 0) return undefined;
        value += cursor.text.slice(cursor.at, end);
        cursor.at = end + ']]>'.length;
      } else if (cursor.take('</')) {
        if (!readCloseTag(cursor, child.name)) return undefined;
        break;
      } else if (cursor.sees('<') || cursor.atEnd) {
        // A nested element, a comment, a stray `<` or the end of the body.
        return undefined;
      } else {
        const text = readText(cursor);
        if (text === undefined) return undefined;
        value += text;
      }
    }
    fields.set(child.name, value);
  }
  return atEnd() ? Object.fromEntries(fields) : undefined;
};
