import { readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Every bundled file is ASCII: V8 keeps a module's source text for as long as the module lives, and
 * one character outside Latin-1 (a Cyrillic word in a regular expression) makes it keep the whole
 * file as a two-byte string, twice its size in every Logto heap.
 *
 * @param {import('./report.js').Report} report
 */
export const checkAscii = async (report) => {
  const libFolder = path.join(report.folder, 'lib');
  for (const file of readdirSync(libFolder).filter((name) => name.endsWith('.js'))) {
    const text = await fs.readFile(path.join(libFolder, file), 'utf8');
    let index = 0;
    while (index < text.length && text.charCodeAt(index) <= 0x7f) index += 1;
    if (index < text.length) {
      const line = text.slice(0, index).split('\n').length;
      report.fail(
        'ascii',
        `lib/${file} line ${line} has the non-ASCII ${JSON.stringify(text[index])}: write it as a string escape (esbuild leaves regular-expression literals as they are)`,
      );
      return;
    }
  }
  report.pass('ascii', 'lib/*.js is ASCII');
};
