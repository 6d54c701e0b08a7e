// Child process: loads ONE connector folder the way a Logto server does at startup, with the real
// @logto/cli code (loadConnectorFactories → loadConnector, validateConnectorModule, parseMetadata),
// then inspects the result. Runs in its own process so that a hang or a non-Error throw is
// attributed to this package alone. Sends one JSON-able result over IPC.
//
// The kit as Logto core sees it and the reading of connectorMetadataGuard come from the one
// "load a connector the way Logto does" module, packages/cli/src/logto-loader.js (plain JS, so this
// script imports it as it is); the loading itself is @logto/cli's own.
//
// argv: <package folder> <package name> <Logto core folder> <@logto/cli folder>
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, stripVTControlCharacters } from 'node:util';

import { importKit, metadataGuardIssues } from '../../packages/cli/src/logto-loader.js';
import { playCreateForm } from './console-form.js';

const [packagePath, packageName, coreDirectory, cliDirectory] = process.argv.slice(2);

const logs = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => {
    logs.push(stripVTControlCharacters(format(...args)));
  };
}

const importFile = async (file) => import(pathToFileURL(file).href);

const run = async () => {
  const cliConnector = await importFile(path.join(cliDirectory, 'lib', 'connector', 'index.js'));
  const { loadConnectorFactories, buildRawConnector } = cliConnector;

  // connector-kit as Logto core sees it (the copy the connector's own import resolves to).
  const { kit, version: kitVersion } = await importKit(coreDirectory);

  const result = { kitVersion };
  process.send({ ready: true });
  let factories;
  try {
    factories = await loadConnectorFactories([{ name: packageName, path: packagePath }], false);
  } catch (error) {
    result.load = {
      ok: false,
      fatal: true,
      reason: `threw a non-Error value (${format(error)}): Logto would fail to start, not just skip the package`,
    };
    return result;
  }
  const factory = factories[0];
  if (!factory) {
    const skip = logs.find((line) => line.includes('[load-connector] skip'));
    result.load = {
      ok: false,
      reason: skip ? skip.replace(/^.*?\[load-connector\] /, '') : logs.join(' | ') || 'skipped',
    };
    return result;
  }
  result.load = {
    ok: true,
    type: factory.type,
    warnings: logs.filter((line) => /warn|CJS mode/i.test(line)),
  };

  // The raw metadata (before parseMetadata), from a second factory call as core's buildRawConnector does.
  const { rawConnector, rawMetadata } = await buildRawConnector(factory);
  const raw = rawConnector.metadata;
  const parsed = factory.metadata;
  result.raw = {
    id: raw.id,
    target: raw.target,
    logo: raw.logo,
    logoDark: raw.logoDark,
    readme: raw.readme,
    configTemplate: raw.configTemplate,
    name: raw.name,
    formItems: raw.formItems,
  };
  result.parsed = {
    logo: typeof parsed.logo === 'string' ? parsed.logo.slice(0, 40) : parsed.logo,
    logoDark: typeof parsed.logoDark === 'string' ? parsed.logoDark.slice(0, 40) : parsed.logoDark,
    readmeLength: typeof parsed.readme === 'string' ? parsed.readme.length : undefined,
    readmeIsRawPath: parsed.readme === raw.readme,
    configTemplateIsRawPath:
      Boolean(raw.configTemplate) && parsed.configTemplate === raw.configTemplate,
    stableAcrossCalls: rawMetadata.id === parsed.id,
  };

  // GET /api/connector-factories: {type, ...metadata, isDemo} through connectorMetadataGuard + type.
  const guardIssues = metadataGuardIssues(kit, parsed, '(config)');
  result.metadataGuard =
    guardIssues.length === 0 ? { ok: true } : { ok: false, reasons: guardIssues };

  result.consoleForm = playCreateForm(
    Array.isArray(raw.formItems) ? raw.formItems : [],
    factory.configGuard,
  );
  return result;
};

try {
  const result = await run();
  process.send({ ...result, logs }, () => process.exit(0));
} catch (error) {
  process.send({ crash: error instanceof Error ? error.stack : format(error), logs }, () =>
    process.exit(0),
  );
}
