// `node scripts/check-translations.js [repo-root]`: do the translated connector guides keep up with
// the English ones?
//
// For every packages/connector-*/README.md this collects the config field names its config table(s)
// document: tables whose header's first cell is `Field`, reading the backticked names in the `Key`
// column when the table has one (alipay-native: `| Field | Key | …`, labels first) and in the first
// column otherwise. Then, beside it:
// - every README.<lang>.md must contain each of those names as an inline code span (`name`) and
//   link back to README.md;
// - every translation the English README links must exist, and every README.<lang>.md that exists
//   must be linked from the English README.
// A connector without translations passes with a note. One line per README; exits 1 on any FAIL.
// Plain Node, no dependencies. The optional argument checks another tree (used to show it can fail).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { tableCells } from './markdown-table.js';

const root = path.resolve(
  process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
);
const translationFile = /^README\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.md$/;

/** Drops fenced code blocks, so JSON keys in examples neither count nor confuse the table reader. */
const withoutFences = (markdown) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

const codeSpans = (text) => [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1].trim());

/** Config field names from the tables whose header starts with `Field`, in document order. */
const configFields = (markdown) => {
  const lines = withoutFences(markdown).split('\n');
  const fields = [];
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const isTableStart =
      lines[index].trim().startsWith('|') &&
      (index === 0 || !lines[index - 1].trim().startsWith('|')) &&
      /^\|?\s*:?-{3,}/.test(lines[index + 1].trim());
    if (!isTableStart) continue;
    const header = tableCells(lines[index]);
    if (header[0] !== 'Field') continue;
    const keyColumn = header.indexOf('Key');
    const column = keyColumn === -1 ? 0 : keyColumn;
    for (let row = index + 2; row < lines.length && lines[row].trim().startsWith('|'); row += 1) {
      for (const name of codeSpans(tableCells(lines[row])[column] ?? '')) {
        if (!fields.includes(name)) fields.push(name);
      }
    }
  }
  return fields;
};

/** README.<lang>.md files a Markdown text links, relative or absolute, by their file name. */
const linkedFiles = (markdown) => {
  const targets = [
    ...withoutFences(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
  ];
  return new Set(
    targets
      .map((match) => path.posix.basename(match[1].replace(/[?#].*$/, '')))
      .filter((name) => name === 'README.md' || translationFile.test(name)),
  );
};

const packagesDir = path.join(root, 'packages');
const folders = existsSync(packagesDir)
  ? readdirSync(packagesDir)
      .filter((name) => name.startsWith('connector-'))
      .filter((name) => existsSync(path.join(packagesDir, name, 'README.md')))
      .sort()
  : [];

let failures = 0;
let checked = 0;
const line = (ok, file, message) => {
  checked += 1;
  if (!ok) failures += 1;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${file}: ${message}`);
};

if (folders.length === 0) {
  console.log(`FAIL  no packages/connector-*/README.md under ${root}`);
  process.exit(1);
}

for (const folder of folders) {
  const dir = path.join(packagesDir, folder);
  const manifestPath = path.join(dir, 'package.json');
  const packageName = existsSync(manifestPath)
    ? JSON.parse(readFileSync(manifestPath, 'utf8')).name
    : folder;
  const relative = (file) => path.posix.join('packages', folder, file);
  const english = readFileSync(path.join(dir, 'README.md'), 'utf8');
  const fields = configFields(english);
  const linked = [...linkedFiles(english)].filter((name) => name !== 'README.md').sort();
  const present = readdirSync(dir)
    .filter((name) => translationFile.test(name))
    .sort();

  const problems = [];
  if (fields.length === 0)
    problems.push('no config table (a table whose first header cell is Field)');
  for (const name of linked.filter((file) => !present.includes(file))) {
    problems.push(`links ${name}, which does not exist`);
  }
  for (const name of present.filter((file) => !linked.includes(file))) {
    problems.push(`does not link ${name}, which exists`);
  }
  const summary =
    present.length === 0
      ? `${fields.length} config fields; no translations yet`
      : `${fields.length} config fields; translations ${present.join(', ')}`;
  line(
    problems.length === 0,
    relative('README.md'),
    problems.length === 0 ? summary : `${packageName}: ${problems.join('; ')}`,
  );

  for (const name of present) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const spans = new Set(codeSpans(withoutFences(text)));
    const missing = fields.filter((field) => !spans.has(field));
    const translationProblems = [];
    if (missing.length > 0) {
      translationProblems.push(
        `missing field${missing.length === 1 ? '' : 's'} ${missing.map((f) => `\`${f}\``).join(', ')}`,
      );
    }
    if (!linkedFiles(text).has('README.md')) translationProblems.push('does not link README.md');
    line(
      translationProblems.length === 0,
      relative(name),
      translationProblems.length === 0
        ? `all ${fields.length} config fields, links README.md`
        : `${packageName}: ${translationProblems.join('; ')}`,
    );
  }
}

console.log(
  failures === 0
    ? `check-translations: ${checked} READMEs checked, all pass`
    : `check-translations: ${checked} READMEs checked, ${failures} failed`,
);
process.exit(failures === 0 ? 0 : 1);
