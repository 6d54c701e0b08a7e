// What a heap figure is made of: the objects in one V8 heap snapshot that were not in an earlier
// one of the same process (snapshot object ids are stable within a process), summed by kind.
// Used where a startup heap target is missed (or BENCH_PROFILE=always). Only what heapUsed counts
// is summed: native (C++) and synthetic nodes are left out.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const readSnapshot = (file) => {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const meta = snapshot.snapshot.meta;
  return {
    snapshot,
    fields: meta.node_fields.length,
    field: Object.fromEntries(meta.node_fields.map((name, index) => [name, index])),
    edgeFields: meta.edge_fields.length,
    edgeField: Object.fromEntries(meta.edge_fields.map((name, index) => [name, index])),
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
  };
};

/** The ids of every object in a snapshot. */
const objectIds = (file) => {
  const { snapshot, fields, field } = readSnapshot(file);
  const ids = new Set();
  for (let index = 0; index < snapshot.nodes.length; index += fields)
    ids.add(snapshot.nodes[index + field.id]);
  return ids;
};

/** A script's size on disk, to tell a one-byte source string from a two-byte (UTF-16) one. */
const bytesOnDisk = (url) => {
  try {
    const file = fileURLToPath(url);
    return existsSync(file) ? statSync(file).size : undefined;
  } catch {
    return undefined;
  }
};

const shortName = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*?node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/^.*?\/packages\//, 'packages/')
    .replace(/^.*\/node_modules\//, '');

/**
 * @param {string} beforeFile snapshot taken first
 * @param {string} afterFile snapshot taken later in the same process
 * @returns {{ total: number, kinds: { kind: string, bytes: number, count: number }[],
 *   zodSchemas: number, sources: { script: string, bytes: number, onDisk?: number }[] }}
 */
export const summariseHeapGrowth = (beforeFile, afterFile) => {
  const old = objectIds(beforeFile);
  const { snapshot, fields, field, edgeFields, edgeField, nodeTypes, edgeTypes } =
    readSnapshot(afterFile);
  const { nodes, edges, strings } = snapshot;
  const fresh = (index) => !old.has(nodes[index + field.id]);
  const kinds = new Map();
  const add = (kind, bytes) => {
    const current = kinds.get(kind) ?? { kind, bytes: 0, count: 0 };
    current.bytes += bytes;
    current.count += 1;
    kinds.set(kind, current);
  };

  // Scripts first: a Script is a `code` node named by its URL, with a `source` edge to its text.
  const sourceOf = new Map();
  const sources = [];
  for (let index = 0, edge = 0; index < nodes.length; index += fields) {
    const edgeCount = nodes[index + field.edge_count];
    const name = strings[nodes[index + field.name]];
    if (
      fresh(index) &&
      nodeTypes[nodes[index + field.type]] === 'code' &&
      /^(file|node):/.test(name)
    ) {
      for (let at = edge; at < edge + edgeCount * edgeFields; at += edgeFields) {
        const type = edgeTypes[edges[at + edgeField.type]];
        if (type === 'internal' && strings[edges[at + edgeField.name_or_index]] === 'source') {
          const target = edges[at + edgeField.to_node];
          if (fresh(target) && !sourceOf.has(target)) {
            sourceOf.set(target, name);
            sources.push({
              script: shortName(name),
              bytes: nodes[target + field.self_size],
              onDisk: bytesOnDisk(name),
            });
          }
        }
      }
    }
    edge += edgeCount * edgeFields;
  }

  let total = 0;
  let zodSchemas = 0;
  for (let index = 0; index < nodes.length; index += fields) {
    if (!fresh(index)) continue;
    const type = nodeTypes[nodes[index + field.type]];
    if (type === 'native' || type === 'synthetic') continue;
    const bytes = nodes[index + field.self_size];
    const name = strings[nodes[index + field.name]];
    total += bytes;
    if (sourceOf.has(index)) add('module source text', bytes);
    else if (type === 'closure' && name === 'native_bind')
      add('bound functions (zod binds 24 methods per schema)', bytes);
    else if (type === 'closure') add('other functions (closures)', bytes);
    else if (type === 'object' && /^Zod[A-Z]/.test(name)) {
      zodSchemas += 1;
      add('zod schema objects', bytes);
    } else if (type === 'code')
      add('bytecode and compiler data (SharedFunctionInfo, ScopeInfo, …)', bytes);
    else if (type === 'object shape') add('object shapes (hidden classes)', bytes);
    else if (type === 'string' || type === 'concatenated string' || type === 'sliced string')
      add('other strings', bytes);
    else if (type === 'array') add('arrays (elements, properties)', bytes);
    else if (type === 'object') add('other objects', bytes);
    else add(`other (${type})`, bytes);
  }
  return {
    total,
    kinds: [...kinds.values()].sort((a, b) => b.bytes - a.bytes),
    zodSchemas,
    sources: sources.sort((a, b) => b.bytes - a.bytes),
  };
};
