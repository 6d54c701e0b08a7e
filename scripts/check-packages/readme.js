// The "readme" check: README.md is the guide the Console shows beside the form
// (console/src/pages/Connectors/Guide; shared/reference/logto-console.md), so it must fit the
// guide column and its links must work from inside the Console.
//
// Width. The Console renders a fenced code block in a code editor as wide as its longest line, and
// a table at least as wide as its columns' longest words, pushing Send and "Save and Done" out of
// a 1440-pixel window. The stand-in for "fits the column" is 72 characters, about what Logto's own
// guides use:
// - a line of a fenced code block has at most 72 characters;
// - a table's narrowest rendering, the sum over its columns of the longest run that cannot wrap
//   (a word, or a whole `code span`, which may not wrap) plus 3 per column for cell padding, is at
//   most 72 characters; a table of short words wraps, one of long identifiers cannot;
// - outside code blocks, no run that cannot wrap is longer than 72 characters.
// Links. Relative links resolve inside the Console's own pages (README.es.md closes the guide), so
// every link and image points at an http(s) or mailto address: the translations at where they are
// published, the package's `homepage`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { tableCells } from '../markdown-table.js';

export const guideWidth = 72;
const cellPadding = 3;

/** Markdown's inline links and images, with their text; reference definitions; HTML href/src. */
const linkTargets = (line) => [
  ...[...line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
  ...[...line.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map((m) => m[1]),
  ...[...line.matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]),
];

const isAbsolute = (target) => /^(?:https?:\/\/|mailto:)/i.test(target);

/** What a reader sees of a Markdown line: link text without its target, no emphasis marks. */
const rendered = (line) =>
  line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/(\*\*|__)/g, '');

/** Runs of text that cannot wrap: words, and `code spans` taken whole with what touches them. */
const unbreakableRuns = (text) => {
  const runs = [];
  let run = '';
  let inCode = false;
  for (const char of text) {
    if (char === '`') inCode = !inCode;
    if (/\s/.test(char) && !inCode) {
      if (run) runs.push(run.replaceAll('`', ''));
      run = '';
    } else {
      run += char;
    }
  }
  if (run) runs.push(run.replaceAll('`', ''));
  return runs;
};

const longest = (text) => Math.max(0, ...unbreakableRuns(rendered(text)).map((run) => run.length));

/**
 * The problems of one README text, each with its line number.
 *
 * @param {string} markdown
 * @returns {string[]}
 */
export const readmeProblems = (markdown) => {
  const problems = [];
  const lines = markdown.split('\n');
  let fence;
  let table;
  const closeTable = () => {
    if (!table) return;
    const width = table.columns.reduce((sum, column) => sum + column + cellPadding, 0);
    if (width > guideWidth) {
      problems.push(
        `table at line ${table.start} cannot wrap narrower than ${width} characters (longest unbreakable words per column: ${table.columns.join(' + ')}); shorten its identifiers or make it a list`,
      );
    }
    table = undefined;
  };
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) {
        fence = undefined;
      } else if ([...line].length > guideWidth) {
        problems.push(
          `line ${number}: a code line of ${[...line].length} characters (at most ${guideWidth})`,
        );
      }
      continue;
    }
    if (fenceMark) {
      closeTable();
      fence = fenceMark;
      continue;
    }
    for (const target of linkTargets(line)) {
      if (!isAbsolute(target)) {
        problems.push(
          `line ${number}: relative link "${target}" resolves inside the Console and leaves the guide; link an https address`,
        );
      }
    }
    if (/^\s*\|/.test(line)) {
      const cells = tableCells(line);
      if (cells.every((cell) => /^:?-{3,}:?$/.test(cell))) continue;
      table ??= { start: number, columns: [] };
      for (const [column, cell] of cells.entries()) {
        table.columns[column] = Math.max(table.columns[column] ?? 0, longest(cell));
      }
      continue;
    }
    closeTable();
    const run = longest(line);
    if (run > guideWidth) {
      problems.push(
        `line ${number}: ${run} characters that cannot wrap (at most ${guideWidth}); break it up or put it in a code block of short lines`,
      );
    }
  }
  closeTable();
  return problems;
};

/**
 * @param {import('./report.js').Report} report
 * @param {string} addedDirectory where `logto connector add` put the package
 */
export const checkReadme = async (report, addedDirectory) => {
  let markdown;
  try {
    markdown = await readFile(path.join(addedDirectory, 'README.md'), 'utf8');
  } catch {
    return; // the tarball check reports a missing README.md
  }
  const problems = readmeProblems(markdown);
  if (problems.length > 0) {
    report.fail('readme', `README.md, the Console's guide: ${problems.join('; ')}`);
  } else {
    report.pass(
      'readme',
      `README.md fits the Console's guide column (code lines and tables within ${guideWidth} characters) and links only absolute addresses`,
    );
  }
};
