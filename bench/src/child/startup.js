// One fresh process of the startup figures: what a running Logto pays, in heap and time, for the
// connectors it imports at startup and keeps. Started by run.js as
//   node --expose-gc startup.js [--chunks] <lib/index.js> [<lib/index.js> ...]
// It first loads Logto's shared dependencies (got, zod, @logto/connector-kit, resolved from each
// package as ./logto.js does), runs the GC twice and reads the heap; then imports each lib/index.js
// in turn and calls its factory with a getConfig that throws (as Logto's loader does), timed with
// performance.now(); keeps the connectors referenced (Logto keeps them), runs the GC twice and
// reads the heap again.
//   --chunks  afterwards, also import the chunks each lib/index.js imports lazily (Switchboard's
//             phone metadata, loaded on the first send), and read the heap once more: what the
//             process holds after its first send.
//   --snapshot <prefix>  also write V8 heap snapshots <prefix>-before/-after(/-chunks).heapsnapshot
//             right after each heap reading, for src/heap.js (the figures of such a run are not used).
// Prints JSON: {"heap": bytes of heapUsed growth, "ms": import + factory, "spaces": growth per V8
// heap space, "types": each connector's type, "chunks": {"files", "ms", "heap", "spaces"}}.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

import { createConnector, lazyChunks, notImplemented, sharedUrls } from './logto.js';

const args = process.argv.slice(2);
const snapshotPrefix = args.includes('--snapshot')
  ? args[args.indexOf('--snapshot') + 1]
  : undefined;
const files = args
  .filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--snapshot')
  .map((file) => realpathSync(path.resolve(file)));
const gc = /** @type {() => void} */ (globalThis.gc);
if (typeof gc !== 'function') throw new Error('startup.js needs node --expose-gc');

/** A settled heap: two full collections, then heapUsed and the used size of each space. */
const settledHeap = (snapshotName) => {
  gc();
  gc();
  const heap = {
    used: process.memoryUsage().heapUsed,
    spaces: Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
    ),
  };
  if (snapshotPrefix) v8.writeHeapSnapshot(`${snapshotPrefix}-${snapshotName}.heapsnapshot`);
  return heap;
};
const growth = (before, after) => ({
  heap: after.used - before.used,
  spaces: Object.fromEntries(
    Object.entries(after.spaces).map(([name, used]) => [name, used - (before.spaces[name] ?? 0)]),
  ),
});

for (const file of files) {
  for (const [, url] of sharedUrls(file)) await import(url);
}
const before = settledHeap('before');

const start = performance.now();
/** Referenced until the end of the process, as Logto keeps every connector it loaded. */
const connectors = [];
for (const file of files)
  connectors.push(await createConnector(file, { getConfig: notImplemented }));
const ms = performance.now() - start;
const loaded = settledHeap('after');

let chunks;
if (args.includes('--chunks')) {
  const chunkFiles = files.flatMap((file) => lazyChunks(file));
  const chunkStart = performance.now();
  for (const chunk of chunkFiles) await import(pathToFileURL(chunk).href);
  const chunkMs = performance.now() - chunkStart;
  chunks = { files: chunkFiles, ms: chunkMs, ...growth(loaded, settledHeap('chunks')) };
}

for (const connector of connectors) {
  if (!connector?.metadata) throw new Error('a factory returned no metadata');
}
process.stdout.write(
  JSON.stringify({
    ms,
    ...growth(before, loaded),
    types: connectors.map((connector) => connector.type),
    ...(chunks ? { chunks } : {}),
  }),
);
