import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import {
  addBuiltConnector,
  addPackage,
  connectorSource,
  createInstance,
  type Instance,
} from './__fixtures__/logto-instance.js';
import { doctor } from './commands/doctor.js';
import { main } from './main.js';
import { captureConsole } from './test-support.js';

const packagesDir = fileURLToPath(new URL('../..', import.meta.url));
const versionOf = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
const twilioVersion = versionOf(path.join(packagesDir, 'connector-twilio-sms/package.json'));
const mailgunVersion = versionOf(path.join(packagesDir, 'connector-mailgun/package.json'));
const twilioOk = `✔ @switchboard/connector-twilio-sms ${twilioVersion} (switchboard-twilio-sms): ok`;

let instance: Instance;
const created: string[] = [];
let output: string[];
/** The kit version this instance ships, read from the instance as a Logto admin would. */
let kitVersion: string;

const run = (...flags: string[]) => main(['doctor', '--logto', instance.dir, ...flags]);
const lineFor = (name: string) => output.find((line) => line.includes(` ${name} `));

beforeEach(() => {
  instance = createInstance();
  created.push(path.dirname(instance.dir));
  kitVersion = versionOf(
    path.join(instance.core, 'node_modules/@logto/connector-kit/package.json'),
  );
  output = captureConsole();
});

afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

describe('switchboard doctor', () => {
  it('passes an instance with two built Switchboard connectors and exits 0', async () => {
    addBuiltConnector(instance, 'connector-twilio-sms');
    addBuiltConnector(instance, 'connector-mailgun');
    // Logto skips what has no package.json, so does the doctor.
    writeFileSync(path.join(instance.connectors, 'notes.txt'), 'not a package');

    await expect(run()).resolves.toBe(0);
    expect(output).toEqual([
      `Logto instance ${instance.dir} (@logto/connector-kit ${kitVersion}), packages/core/connectors:`,
      `✔ @switchboard/connector-mailgun ${mailgunVersion} (switchboard-mailgun): ok`,
      twilioOk,
      'all 2 package(s) load in this Logto',
    ]);
  });

  it('knows the SMS router: it loads beside the connectors it routes to', async () => {
    addBuiltConnector(instance, 'connector-sms-router');
    addBuiltConnector(instance, 'connector-twilio-sms');
    const routerVersion = versionOf(path.join(packagesDir, 'connector-sms-router/package.json'));

    await expect(run()).resolves.toBe(0);
    expect(output).toEqual([
      `Logto instance ${instance.dir} (@logto/connector-kit ${kitVersion}), packages/core/connectors:`,
      `✔ @switchboard/connector-sms-router ${routerVersion} (switchboard-sms-router): ok`,
      twilioOk,
      'all 2 package(s) load in this Logto',
    ]);
  });

  it('flags a connector-kit range that leaves out the instance’s kit, exiting 1', async () => {
    addBuiltConnector(instance, 'connector-twilio-sms');
    addPackage(
      instance,
      '@acme-connector-old-kit',
      { name: '@acme/connector-old-kit', dependencies: { '@logto/connector-kit': '^9.0.0' } },
      connectorSource('acme-old-kit'),
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('@acme/connector-old-kit')).toBe(
      `✖ @acme/connector-old-kit 1.0.0 (acme-old-kit): skipped by Logto: it asks for @logto/connector-kit "^9.0.0", but this Logto has ${kitVersion}: widen the range to include ${kitVersion}`,
    );
    expect(lineFor('@switchboard/connector-twilio-sms')).toBe(twilioOk);
    expect(output.at(-1)).toBe('1 of 2 package(s) have problems: 1 would be skipped');
  });

  it('flags a kit that is only in peerDependencies', async () => {
    addPackage(
      instance,
      'connector-peer-kit',
      { name: 'connector-peer-kit', peerDependencies: { '@logto/connector-kit': '^5.0.0' } },
      connectorSource('acme-peer-kit'),
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('connector-peer-kit')).toBe(
      '✖ connector-peer-kit 1.0.0 (acme-peer-kit): skipped by Logto: @logto/connector-kit is in peerDependencies, not dependencies: move it to dependencies (Logto reads only dependencies)',
    );
  });

  it('names an import this Logto does not provide', async () => {
    addPackage(
      instance,
      'connector-left-pad',
      { name: 'connector-left-pad', dependencies: { '@logto/connector-kit': '^5.0.0' } },
      connectorSource('acme-left-pad', { prelude: "import leftPad from 'left-pad';" }),
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('connector-left-pad')).toBe(
      "✖ connector-left-pad 1.0.0: skipped by Logto: imports 'left-pad', which this Logto does not provide: bundle it",
    );
  });

  it('flags two packages with the same metadata id, which stop Logto from starting', async () => {
    addBuiltConnector(instance, 'connector-twilio-sms');
    addPackage(
      instance,
      'connector-twilio-clone',
      { name: 'connector-twilio-clone', dependencies: { '@logto/connector-kit': '^5.0.0' } },
      connectorSource('switchboard-twilio-sms'),
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('connector-twilio-clone')).toBe(
      '✖ connector-twilio-clone 1.0.0 (switchboard-twilio-sms): stops Logto: metadata id "switchboard-twilio-sms" is also used by @switchboard/connector-twilio-sms, so Logto refuses to start: remove one of them',
    );
    expect(lineFor('@switchboard/connector-twilio-sms')).toBe(
      `✖ @switchboard/connector-twilio-sms ${twilioVersion} (switchboard-twilio-sms): stops Logto: metadata id "switchboard-twilio-sms" is also used by connector-twilio-clone, so Logto refuses to start: remove one of them`,
    );
    expect(output.at(-1)).toBe('2 of 2 package(s) have problems: 2 would stop Logto');
  });

  it('flags a factory that reads its config while Logto builds it', async () => {
    addPackage(
      instance,
      'connector-eager',
      { name: 'connector-eager', dependencies: { '@logto/connector-kit': '^5.0.0' } },
      'export default async ({ getConfig }) => ({ config: await getConfig("eager") });\n',
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('connector-eager')).toBe(
      '✖ connector-eager 1.0.0: skipped by Logto: the factory calls getConfig while Logto builds it, before any config exists: read the config only when the connector sends or signs in',
    );
  });

  it('checks metadata with the instance’s connectorMetadataGuard and the files it names', async () => {
    const source = connectorSource('acme-files')
      .replace('"platform":null,', '')
      .replace('./logo.svg', './assets/logo.svg');
    addPackage(
      instance,
      'connector-files',
      { name: 'connector-files', dependencies: { '@logto/connector-kit': '^5.0.0' } },
      source,
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('connector-files')).toBe(
      "✖ connector-files 1.0.0 (acme-files): breaks the Console: metadata fails this Logto's connectorMetadataGuard (platform: Required), so the Console's connector lists fail with 500: fix the metadata; logo ./assets/logo.svg is not in the package, so the Console shows a broken image: add ./assets/logo.svg to the package files",
    );
  });

  it('reports a package that never settles as a startup hang, without hanging itself', async () => {
    addPackage(
      instance,
      'connector-hangs',
      { name: 'connector-hangs', dependencies: { '@logto/connector-kit': '^5.0.0' } },
      'await new Promise(() => {});\nexport default async () => ({});\n',
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('connector-hangs')).toBe(
      '✖ connector-hangs 1.0.0: stops Logto: importing lib/index.js or calling the factory never settles, so Logto would hang at startup: settle every promise the module and the factory start',
    );
  });

  it('says a package without the connector- prefix is ignored by Logto', async () => {
    addPackage(
      instance,
      '@acme-sms',
      { name: '@acme/sms', dependencies: { '@logto/connector-kit': '^5.0.0' } },
      connectorSource('acme-sms'),
    );

    await expect(run()).resolves.toBe(1);
    expect(lineFor('@acme/sms')).toBe(
      '✖ @acme/sms 1.0.0: ignored by Logto: the name does not start with "connector-" or "@scope/connector-": rename the package, e.g. @acme/connector-sms',
    );
  });

  it('loads a symlinked package from where it points, as Logto does', async () => {
    const outside = createInstance();
    created.push(path.dirname(outside.dir));
    const real = addBuiltConnector(outside, 'connector-twilio-sms');
    symlinkSync(real, path.join(instance.connectors, '@switchboard-connector-twilio-sms'), 'dir');

    await expect(run()).resolves.toBe(0);
    expect(output).toContain(twilioOk);
  });

  it('--json prints every package with its status and problems', async () => {
    addBuiltConnector(instance, 'connector-twilio-sms');
    addPackage(
      instance,
      'connector-peer-kit',
      { name: 'connector-peer-kit', peerDependencies: { '@logto/connector-kit': '^5.0.0' } },
      connectorSource('acme-peer-kit'),
    );

    await expect(run('--json')).resolves.toBe(1);
    expect(JSON.parse(output.join('\n'))).toEqual({
      ok: false,
      instance: instance.dir,
      core: {},
      connectorKit: {
        version: kitVersion,
        path: path.join(instance.core, 'node_modules/@logto/connector-kit'),
      },
      connectors: instance.connectors,
      packages: [
        {
          folder: '@switchboard-connector-twilio-sms',
          name: '@switchboard/connector-twilio-sms',
          version: twilioVersion,
          id: 'switchboard-twilio-sms',
          status: 'ok',
          problems: [],
          notes: [],
          warnings: [],
        },
        {
          folder: 'connector-peer-kit',
          name: 'connector-peer-kit',
          version: '1.0.0',
          id: 'acme-peer-kit',
          status: 'skipped',
          problems: [
            {
              effect: 'skipped',
              problem: '@logto/connector-kit is in peerDependencies, not dependencies',
              fix: 'move it to dependencies (Logto reads only dependencies)',
            },
          ],
          notes: [],
          warnings: [],
        },
      ],
    });
  });

  it('exits 2 and says what it looked for when the folder is not a Logto instance', async () => {
    const notLogto = path.join(instance.dir, 'packages');
    await expect(main(['doctor', '--logto', notLogto])).resolves.toBe(2);
    expect(output[0]).toMatch(
      `${notLogto} is not a Logto instance: looked for ${path.join(notLogto, 'packages/core/package.json')} named @logto/core`,
    );
  });

  it('takes the current folder when it is a Logto instance, else the Docker image’s', async () => {
    addBuiltConnector(instance, 'connector-twilio-sms');
    await expect(doctor({}, { cwd: instance.dir, fallback: '/nowhere' })).resolves.toBe(0);
    expect(output[0]).toMatch(`Logto instance ${instance.dir} `);
    await expect(doctor({}, { cwd: instance.core, fallback: instance.dir })).resolves.toBe(0);
    await expect(doctor({}, { cwd: instance.core, fallback: '/nowhere' })).rejects.toThrow(
      `no Logto instance here: looked for ${path.join(instance.core, 'packages/core/package.json')} named @logto/core, then /nowhere/packages/core/package.json (the official Docker image); pass --logto <instance dir>`,
    );
  });
});
