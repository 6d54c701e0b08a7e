// Summarises a V8 .cpuprofile (from the inspector's Profiler, as `node --cpu-prof` writes them):
// self time per function and per area (package, Node internals, GC), per timed call; idle
// time and the profiler's own start/stop (the inspector's native `dispatch`) are left out. Frames in
// a bundled lib/index.js are mapped back through its source map, so a Switchboard bundle shows
// which original module (core's http.ts, libphonenumber-js, ...) the time is spent in.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceMaps = new Map();
const sourceMapFor = (url) => {
  if (!sourceMaps.has(url)) {
    let map;
    try {
      const file = fileURLToPath(url);
      if (existsSync(`${file}.map`))
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url);
};

/** Which package or part of Node a source path belongs to. */
const areaOf = (source, name) => {
  if (!source) {
    if (name === '(garbage collector)') return 'GC';
    if (name === '(program)') return 'V8/native (program)';
    if (name === '(idle)') return 'idle';
    // The inspector session's own native frame: starting and stopping the profiler.
    if (name === 'dispatch') return 'profiler';
    return 'V8/native';
  }
  if (source.startsWith('node:'))
    return `node:${source
      .slice(5)
      .split('/')[0]
      .replace(/^internal$/, 'internal')}`;
  const modules = source.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = source.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const packages = source.match(/packages\/([^/]+)\/src\//);
  if (packages) return `switchboard ${packages[1]}`;
  return path.basename(source);
};

/**
 * @param {string | string[]} files one or more .cpuprofile files of the same work
 * @param {number} callsPerFile how many timed calls each profile covers
 */
export const summariseProfile = (files, callsPerFile) => {
  const list = Array.isArray(files) ? files : [files];
  const calls = callsPerFile * list.length;
  const functions = new Map();
  const areas = new Map();
  let busy = 0;
  for (const file of list) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfMicros = new Map();
    profile.samples.forEach((id, index) => {
      selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
    });
    busy += addSelfTimes(nodes, selfMicros, functions, areas);
  }
  const perCall = (micros) => micros / calls;
  return {
    busyPerCall: perCall(busy),
    areas: [...areas.entries()]
      .map(([area, micros]) => ({ area, perCall: perCall(micros), share: micros / busy }))
      .sort((a, b) => b.perCall - a.perCall),
    functions: [...functions.values()]
      .map(({ name, area, micros }) => ({
        name,
        area,
        perCall: perCall(micros),
        share: micros / busy,
      }))
      .sort((a, b) => b.perCall - a.perCall),
  };
};

/** Adds one profile's self times to the per-function and per-area totals; returns busy µs. */
const addSelfTimes = (nodes, selfMicros, functions, areas) => {
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = nodes.get(id);
    let name = callFrame.functionName || '(anonymous)';
    let source = callFrame.url;
    let line = callFrame.lineNumber + 1;
    if (source.startsWith('file://')) {
      const entry = sourceMapFor(source)?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
      if (entry?.originalSource) {
        source = entry.originalSource.replace(/^.*?((node_modules|packages)\/)/, '$1');
        line = entry.originalLine + 1;
        name = callFrame.functionName || entry.name || name;
      } else {
        source = source.replace(
          /^.*?((node_modules\/\.pnpm\/[^/]+\/)?node_modules\/|packages\/)/,
          (match) => (match.includes('packages/') ? 'packages/' : 'node_modules/'),
        );
      }
    }
    const area = areaOf(source, callFrame.functionName);
    if (area === 'idle' || area === 'profiler') continue;
    busy += micros;
    const key = `${name} ${source ? `${path.basename(source)}:${line}` : ''}`.trim();
    const current = functions.get(key) ?? { name: key, area, micros: 0 };
    current.micros += micros;
    functions.set(key, current);
    areas.set(area, (areas.get(area) ?? 0) + micros);
  }
  return busy;
};
