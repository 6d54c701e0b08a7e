// Child process: loads ONE connector folder the way a Logto server does at startup, with the real
// @logto/cli code (loadConnectorFactories → loadConnector, validateConnectorModule, parseMetadata),
// then inspects the result. Runs in its own process so that a hang or a non-Error throw is
// attributed to this package alone. Sends one JSON-able result over IPC.
//
// argv: <package folder> <package name> <Logto core folder> <@logto/cli folder>
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, stripVTControlCharacters } from 'node:util';

const [packagePath, packageName, coreDirectory, cliDirectory] = process.argv.slice(2);

const logs = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => {
    logs.push(stripVTControlCharacters(format(...args)));
  };
}

const importFile = async (file) => import(pathToFileURL(file).href);

const describeIssue = ({ path: issuePath, message }) =>
  `${issuePath.length > 0 ? issuePath.join('.') : '(config)'}: ${message}`;

/** Every leaf issue, following zod union errors into each branch. */
const branchesOf = (issues) => {
  // Returns a list of alternative issue lists: the config is fine for a key if ANY alternative
  // leaves it alone. Plain issues belong to every alternative.
  let alternatives = [[]];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && Array.isArray(issue.unionErrors)) {
      const unionAlternatives = issue.unionErrors.flatMap((error) => branchesOf(error.issues));
      alternatives = alternatives.flatMap((existing) =>
        unionAlternatives.map((alternative) => [...existing, ...alternative]),
      );
    } else {
      alternatives = alternatives.map((existing) => [...existing, issue]);
    }
  }
  return alternatives;
};

/**
 * What the Console sends when an admin opens the form and saves the defaults as they are
 * (console/src/utils/connector-form.ts): items with a defaultValue, '' dropped, Number fields
 * through Number(), Json fields round-tripped through JSON text.
 */
const consoleDefaults = (formItems) => {
  const config = {};
  for (const item of formItems) {
    if (!('defaultValue' in item) || item.defaultValue === undefined || item.defaultValue === '') {
      continue;
    }
    let value = item.defaultValue;
    if (item.type === 'Number') {
      value = Number(value);
    } else if (item.type === 'Json') {
      value = JSON.parse(typeof value === 'string' ? value : JSON.stringify(value));
    }
    config[item.key] = value;
  }
  return config;
};

/** core's cleanDeep before storing a config: drops '', null, undefined, empty arrays and objects. */
const cleanDeep = (value) => {
  if (Array.isArray(value)) {
    return value.map((item) => cleanDeep(item)).filter((item) => !isEmpty(item));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, cleanDeep(item)])
        .filter(([, item]) => !isEmpty(item)),
    );
  }
  return value;
};
const isEmpty = (value) =>
  value === '' ||
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

const checkFormDefaults = (metadata, configGuard) => {
  if (!configGuard || typeof configGuard.safeParse !== 'function') {
    return {
      ok: false,
      reasons: ['configGuard has no safeParse: it is not a zod schema, so saving fails'],
    };
  }
  const formItems = Array.isArray(metadata.formItems) ? metadata.formItems : [];
  const formKeys = new Set(formItems.map(({ key }) => key));
  const defaults = consoleDefaults(formItems);
  const defaultKeys = new Set(Object.keys(defaults));
  const reasons = [];
  const notes = [];

  for (const [label, config] of [
    ['as the Console submits them', defaults],
    ['after core cleanDeep', cleanDeep(defaults)],
  ]) {
    const result = configGuard.safeParse(config);
    if (result.success) {
      continue;
    }
    const alternatives = branchesOf(result.error.issues);
    // The defaults are fine if some alternative rejects only keys that have no default.
    const touchesDefault = (issue) =>
      issue.path.length > 0 && defaultKeys.has(String(issue.path[0]));
    const fine = alternatives.find((issues) => !issues.some((issue) => touchesDefault(issue)));
    if (!fine) {
      const bad = alternatives[0].filter((issue) => touchesDefault(issue));
      reasons.push(...bad.map((issue) => `default ${describeIssue(issue)} (${label})`));
      continue;
    }
    for (const issue of fine) {
      const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      if (key === undefined) {
        notes.push(`object-level rule: ${issue.message}`);
      } else if (formItems.length > 0 && !formKeys.has(key)) {
        reasons.push(
          `configGuard needs "${key}" (${issue.message}) but formItems has no such key: the Console form cannot set it`,
        );
      }
    }
  }
  return {
    ok: reasons.length === 0,
    reasons: [...new Set(reasons)],
    notes: [...new Set(notes)],
    defaults: [...defaultKeys],
  };
};

const run = async () => {
  const cliConnector = await importFile(path.join(cliDirectory, 'lib', 'connector', 'index.js'));
  const { loadConnectorFactories, buildRawConnector } = cliConnector;

  // connector-kit as Logto core sees it (the copy the connector's own import resolves to).
  const coreRequire = createRequire(path.join(coreDirectory, 'package.json'));
  const kitDirectory = path.dirname(coreRequire.resolve('@logto/connector-kit/package.json'));
  const kit = await importFile(path.join(kitDirectory, 'lib', 'index.js'));
  const kitVersion = coreRequire('@logto/connector-kit/package.json').version;

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
  const guarded = kit.connectorMetadataGuard.safeParse(parsed);
  result.metadataGuard = guarded.success
    ? { ok: true }
    : { ok: false, reasons: guarded.error.issues.map((issue) => describeIssue(issue)) };

  result.formDefaults = checkFormDefaults(raw, factory.configGuard);
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
