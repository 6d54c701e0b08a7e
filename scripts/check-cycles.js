// `node scripts/check-cycles.js [repo-root]`: fails when the source of the packages imports itself
// in a loop. Reads every non-test .ts file under packages/*/src and packages/*/sandbox, follows
// relative imports and `@switchboard/core` (and its subpaths) to the files they name, and prints
// each cycle as a chain of files. Plain Node, no dependencies. The optional argument checks
// another tree: `git archive 9d703c3 packages | tar -x -C /tmp/old` and
// `node scripts/check-cycles.js /tmp/old` lists the five cycles that tree had.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { isTestish, resolveImport, walk, withoutComments } from './source-files.js';

const importPattern =
  /(?:^|[\s;])(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !isTestish(file);

export const findCycles = (root) => {
  const packages = path.join(root, 'packages');
  const files = readdirSync(packages).flatMap((name) => [
    ...walk(path.join(packages, name, 'src'), isSource),
    ...walk(path.join(packages, name, 'sandbox'), isSource),
  ]);
  const graph = new Map(
    files.map((file) => {
      // Comments out, so an example in a doc comment draws no arrow.
      const text = withoutComments(readFileSync(file, 'utf8'));
      const targets = [...text.matchAll(importPattern)]
        .map((match) => resolveImport(root, file, match[1] ?? match[2]))
        .filter((target) => target !== undefined && target !== file);
      return [file, [...new Set(targets)]];
    }),
  );
  // Tarjan's strongly connected components: each component of more than one file is a cycle.
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let counter = 0;
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), index.get(next)));
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) components.push(component);
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return components.map((component) => component.map((file) => path.relative(root, file)).sort());
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(
    process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
  );
  const cycles = findCycles(root);
  for (const cycle of cycles) console.log(`FAIL  import cycle: ${cycle.join(' ⇄ ')}`);
  console.log(
    cycles.length === 0
      ? 'check-cycles: no import cycle in packages/*/src and packages/*/sandbox'
      : `check-cycles: ${cycles.length} import cycle(s)`,
  );
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
