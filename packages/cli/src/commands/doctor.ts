// `switchboard doctor`: inspects a Logto instance's connector packages the way Logto's loader will at
// startup (discovery, the connector-kit range, lib/index.js, the factory, metadata, duplicate ids),
// without starting Logto. Each package is imported in a child process of its own, from where it is,
// so only what that instance provides resolves, and a broken or hanging package cannot take the
// doctor down. The parts live in ../doctor/: instance.ts (finding the instance and its kit),
// manifest-problems.ts, doctor-worker.js and child.ts (the load), load-problems.ts,
// file-problems.ts, inspect.ts (all of it per package) and format.ts (the words).
import { existsSync } from 'node:fs';
import path from 'node:path';

import { summary, formatPackage } from '../doctor/format.js';
import { inspectInstance } from '../doctor/inspect.js';
import { findInstance } from '../doctor/instance.js';
import { kitName } from '../logto-loader.js';
import { exitCodes, printJson, useColor } from '../output.js';

export const doctor = async (
  flags: { logto?: string; json?: boolean },
  options: { cwd?: string; fallback?: string; timeoutMs?: number } = {},
) => {
  const instance = findInstance(flags.logto, options.cwd ?? process.cwd(), options.fallback);
  const report = await inspectInstance(instance, options);
  if (flags.json) {
    printJson(report);
  } else {
    const color = useColor();
    const versions = [
      report.core.version ? `@logto/core ${report.core.version}` : undefined,
      `${kitName} ${report.connectorKit.version}`,
    ].filter(Boolean);
    console.log(
      `Logto instance ${instance} (${versions.join(', ')}), ${path.relative(instance, report.connectors)}:`,
    );
    if (!existsSync(report.connectors)) {
      console.log(`${report.connectors} does not exist`);
    }
    for (const item of report.packages) console.log(formatPackage(item, color));
    console.log(summary(report));
  }
  return report.ok ? exitCodes.ok : exitCodes.failed;
};
