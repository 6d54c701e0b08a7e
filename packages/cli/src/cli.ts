#!/usr/bin/env node
import { main } from './main.js';

const code = await main(process.argv.slice(2));
// Everything is printed by now (stdout to a pipe or file is written synchronously on Linux and
// macOS). Exit rather than wait: a proxy tunnel that Node is still trying to open after a timed-out
// send would otherwise hold the command until the agent gives up on it, seconds later.
process.stdout.write('', () => process.exit(code));
