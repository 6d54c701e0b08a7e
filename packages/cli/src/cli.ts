#!/usr/bin/env node
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Sandbox } from '@switchboard/core/sandbox';

import { type DemoEntry, formatRows, runDemo } from './demo.js';
import { loadConnectorLikeLogto } from './loader.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packagesDir = path.resolve(here, '../..');

const usage = `Usage: switchboard <command>

Commands:
  demo    Run every built connector against its local fake provider on 127.0.0.1
          and print what each provider received. Needs no account and no network.
  help    Show this help.`;

const demo = async () => {
  const sandboxDir = path.join(here, 'sandboxes');
  const names = existsSync(sandboxDir)
    ? readdirSync(sandboxDir)
        .filter((file) => file.endsWith('.js'))
        .map((file) => file.replace(/\.js$/, ''))
        .sort()
    : [];
  if (names.length === 0) {
    console.error('No connector sandboxes were built. Run `pnpm build` first.');
    return 1;
  }
  const entries: DemoEntry[] = [];
  for (const name of names) {
    const { default: sandbox } = (await import(
      pathToFileURL(path.join(sandboxDir, `${name}.js`)).href
    )) as { default: Sandbox };
    const createConnector = await loadConnectorLikeLogto(path.join(packagesDir, name));
    entries.push({ name, sandbox, createConnector });
  }
  console.log(
    `Switchboard sandbox demo: ${entries.length} connector(s), fake providers on 127.0.0.1\n`,
  );
  const rows = await runDemo(entries);
  console.log(formatRows(rows, process.stdout.isTTY === true));
  return rows.every((row) => row.pass) ? 0 : 1;
};

const main = async (command = 'help') => {
  switch (command) {
    case 'demo':
      return demo();
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return 0;
    default:
      console.error(`Unknown command: ${command}\n\n${usage}`);
      return 2;
  }
};

process.exitCode = await main(process.argv[2]);
