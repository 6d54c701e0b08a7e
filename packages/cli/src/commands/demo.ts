import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Sandbox } from '@switchboard/core/sandbox';

import { type DemoEntry, formatRows, runDemo } from '../demo.js';
import { resolveConnector } from '../resolve.js';
import { exitCodes, printJson, useColor } from '../output.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs every connector's sandbox scenarios against its fake provider on 127.0.0.1. */
export const demo = async (flags: { json?: boolean }) => {
  const sandboxDir = path.join(here, 'sandboxes');
  const names = existsSync(sandboxDir)
    ? readdirSync(sandboxDir)
        .filter((file) => file.endsWith('.js'))
        .map((file) => file.replace(/\.js$/, ''))
        .sort()
    : [];
  if (names.length === 0) {
    console.error('No connector sandboxes were built into this cli. Run `pnpm build` first.');
    return exitCodes.failed;
  }
  const entries: DemoEntry[] = [];
  for (const name of names) {
    const { default: sandbox } = (await import(
      pathToFileURL(path.join(sandboxDir, `${name}.js`)).href
    )) as { default: Sandbox };
    const { createConnector } = await resolveConnector(name);
    entries.push({ name, sandbox, createConnector });
  }
  if (!flags.json) {
    console.log(
      `Switchboard sandbox demo: ${entries.length} connector(s), fake providers on 127.0.0.1\n`,
    );
  }
  const rows = await runDemo(entries);
  if (flags.json) printJson({ ok: rows.every((row) => row.pass), rows });
  else console.log(formatRows(rows, useColor()));
  return rows.every((row) => row.pass) ? exitCodes.ok : exitCodes.failed;
};
