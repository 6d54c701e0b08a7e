// `pnpm bench`: every Switchboard connector against Logto's official package for the same
// provider, in one run, on this machine. See bench/README.md for the method; the environment it
// reads is in context.js. The parts of a run, in order: time per call (call-times.js), the first
// send after startup (first-send.js), both against the fake provider (fake-provider.js); cold
// import (cold-import.js); startup heap and import time (startup.js); sizes (sizes.js); the
// report (results-file.js).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { measureConnectorCalls, measureRouterCalls } from './call-times.js';
import { measureColdImports } from './cold-import.js';
import { log, settings, workDirectory } from './context.js';
import { discoverConnectors } from './discover.js';
import { startFakeProvider, stopFakeProvider } from './fake-provider.js';
import { measureFirstSends } from './first-send.js';
import { writeResults } from './results-file.js';
import { measureSizes } from './sizes.js';
import { measureStartup } from './startup.js';

rmSync(workDirectory, { recursive: true, force: true });
mkdirSync(path.join(workDirectory, 'profiles'), { recursive: true });

const discovered = await discoverConnectors({ only: settings.only });
const { ready, routers, skipped } = discovered;
for (const { folder, reason } of skipped) log(`${folder}: not benchmarked yet: ${reason}`);
log(`benchmarking ${[...ready, ...routers].map(({ folder }) => folder).join(', ') || 'nothing'}`);

/** @type {Record<string, any>} */
const results = Object.fromEntries(ready.map(({ provider }) => [provider, { notes: [] }]));
/** @type {Record<string, any>} */
const routerResults = Object.fromEntries(routers.map(({ provider }) => [provider, { notes: [] }]));

const fake = await startFakeProvider([...ready, ...routers]);
await measureConnectorCalls(fake, ready, results);
await measureRouterCalls(fake, routers, routerResults);
await measureFirstSends(fake, ready, results);
const fakeTraffic = await stopFakeProvider(fake);

const cold = measureColdImports(ready, results);
const startupAll = measureStartup(ready, routers, results, routerResults);
measureSizes(ready, results);

writeResults({ fake, fakeTraffic, cold, startupAll, discovered, results, routerResults });
