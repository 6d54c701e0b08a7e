// `pnpm new-connector <provider> [--kind sms|email]`: scaffolds packages/connector-<provider>/ in
// the house style. The result builds, loads in Logto, passes the conformance suite's structure
// checks (metadata, README, logo, config rejection) and fails, with a message naming the file to
// finish, wherever the provider call is still missing.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  options: {
    kind: { type: 'string', default: 'sms' },
    dir: { type: 'string' },
    'no-changeset': { type: 'boolean' },
  },
  allowPositionals: true,
});
const [provider] = positionals;
const kind = values.kind;
if (!provider || !/^[a-z][a-z0-9-]*[a-z0-9]$/.test(provider) || provider.startsWith('connector-')) {
  console.error(
    'Usage: pnpm new-connector <provider> [--kind sms|email]   e.g. pnpm new-connector vonage-sms',
  );
  process.exit(2);
}
if (kind !== 'sms' && kind !== 'email') {
  console.error(
    '--kind must be sms or email (social connectors: copy connector-alipay-native by hand)',
  );
  process.exit(2);
}
const packagesDir = values.dir ? path.resolve(values.dir) : path.join(root, 'packages');
const folder = `connector-${provider}`;
const target = path.join(packagesDir, folder);
if (existsSync(target)) {
  console.error(`${path.relative(root, target)} exists already`);
  process.exit(1);
}

const title = provider
  .split('-')
  .map((word) => (word === 'sms' ? 'SMS' : word[0].toUpperCase() + word.slice(1)))
  .join(' ');
const camel = provider.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
const guard = `${camel}ConfigGuard`;
const type = `${camel[0].toUpperCase()}${camel.slice(1)}Config`;
const repo = JSON.parse(
  (await import('node:fs')).readFileSync(path.join(root, 'package.json'), 'utf8'),
).repository.url;
const todo = (what) => `TODO(${folder}): ${what}`;
const recipient = kind === 'sms' ? '14155550123' : 'user@example.com';

const files = {
  'package.json': `${JSON.stringify(
    {
      name: `@switchboard/${folder}`,
      version: '0.0.0',
      description: `${title} connector for Logto`,
      license: 'MPL-2.0',
      author: 'Switchboard contributors',
      homepage: `${repo.replace(/^git\+/, '').replace(/\.git$/, '')}/tree/main/packages/${folder}#readme`,
      bugs: { url: `${repo.replace(/^git\+/, '').replace(/\.git$/, '')}/issues` },
      repository: { type: 'git', url: repo, directory: `packages/${folder}` },
      keywords: ['logto', 'logto-connector', provider, kind],
      type: 'module',
      sideEffects: false,
      main: './lib/index.js',
      module: './lib/index.js',
      types: './lib/index.d.ts',
      exports: {
        '.': { types: './lib/index.d.ts', import: './lib/index.js' },
        './package.json': './package.json',
      },
      files: ['lib', 'README.md', 'LICENSE', 'CHANGELOG.md', 'logo.svg'],
      engines: { node: '>=20.12.1' },
      publishConfig: { access: 'public' },
      scripts: { build: 'tsup', typecheck: 'tsc --noEmit', prepublishOnly: 'pnpm build' },
      dependencies: { '@logto/connector-kit': '^4.7.0 || ^5.0.0', got: '^14.0.0', zod: '^3.24.0' },
      devDependencies: {
        '@switchboard/core': 'workspace:*',
        '@types/node': '^20.19.43',
        nock: '^14.0.17',
        tsup: '^8.5.1',
        vitest: '^4.1.12',
      },
    },
    null,
    2,
  )}\n`,
  'tsconfig.json':
    '{ "extends": "../../tsconfig.base.json", "include": ["src", "sandbox", "*.config.ts"] }\n',
  'tsup.config.ts': "export { default } from '../../scripts/tsup.base.ts';\n",
  'vitest.config.ts': "export { default } from '../../scripts/vitest.base.ts';\n",
  'logo.svg': `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${title}">
  <!-- ${todo('draw an original logo (never the provider’s trademark artwork)')} -->
  <rect x="8" y="8" width="48" height="48" rx="10" fill="#5D34F2"/>
</svg>
`,
  'README.md': `# ${title} connector (Switchboard)

<!-- ${todo('write this page for Logto administrators: it renders inside the Logto Console, beside the form (absolute links only, code lines of at most 72 characters).')} -->

Sends Logto verification ${kind === 'sms' ? 'codes by SMS' : 'emails'} through ${title}.

## Set up ${title}

1. ${todo('the provider console steps')}

## Configure the connector

| Field | Required | Description |
| --- | --- | --- |
| \`apiKey\` | yes | ${todo('describe')} |
| \`endpoint\` | no | Base URL of a proxy. https only (http only for 127.0.0.1). |
| \`timeout\` | no | Milliseconds to wait for the provider, 100 to 60000. Default 10000. |
| \`templates\` | yes | Messages by usage type; a \`Generic\` template is required. |

## Errors

| Provider code | Logto error | Usual cause |
| --- | --- | --- |
| ${todo('fill from src/errors.ts')} | | |

## Test

Fill in the form and press **Test** in the Logto Console.
`,
  'src/fields.ts': `// Every config field of the ${title} connector, declared once: its guard and the Console form
// item that edits it, in the Console's order; the provider's constants they are built from come
// first. config.ts builds the guard from this list, metadata.ts the form items.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import {
  defaultSmsTemplates,
  endpointField,
  field,
  lazyGuard,
  smsTemplateGuard,
  templatesField,
  timeoutField,
} from '@switchboard/core';
import { z } from 'zod';

// ${todo('the provider’s API host, and its other constants (regions, method names, defaults)')}
export const defaultEndpoint = 'https://api.${provider}.example';

// ${todo('a superset of the official connector’s config, so existing configs validate unchanged')}
export const ${camel}Fields = {
  apiKey: field(
    lazyGuard(() => z.string().trim().min(1, 'apiKey is required')),
    {
      label: 'API key',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<api-key>',
    },
  ),
  endpoint: endpointField('https://proxy.example.com', 'Optional base URL of a proxy. https only.'),
  timeout: timeoutField('${title}'),
  templates: templatesField(smsTemplateGuard, defaultSmsTemplates, { example: 'fr' }),
};
`,
  'src/metadata.ts': `import type { ConnectorMetadata } from '@logto/connector-kit';
import { formItemsOf } from '@switchboard/core';

import { ${camel}Fields } from './fields.js';

/** Names the provider in every error this connector raises. */
export const PROVIDER = '${provider}';

export const defaultMetadata: ConnectorMetadata = {
  id: 'switchboard-${provider}',
  // ${todo('equal to the official Logto connector’s target, if one exists')}
  target: '${provider}',
  platform: null,
  name: { en: 'Switchboard ${title}' },
  logo: './logo.svg',
  logoDark: null,
  description: { en: 'Send verification ${kind === 'sms' ? 'codes by SMS' : 'emails'} through ${title}.' },
  readme: './README.md',
  formItems: formItemsOf(${camel}Fields),
};
`,
  'src/config.ts': `// The ${title} connector's config guard, built from the fields in fields.ts.
import { lazyGuard, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { ${camel}Fields } from './fields.js';

// Rules that tie fields together go here: .superRefine((config, context) => …), as in
// connector-twilio-sms/src/config.ts.
export const ${guard} = lazyGuard(() => z.object(shapeOf(${camel}Fields)));

export type ${type} = z.infer<typeof ${guard}>;
`,
  'src/errors.ts': `import type { ErrorTable } from '@switchboard/core';

/** ${title} error codes mapped to Logto codes; unlisted codes fall back on the HTTP status. */
// ${todo('the provider’s documented error codes')}
// Hints, when a code has a usual cause: \`HintTable<typeof ${camel}Errors>\`; with a readFailure
// hook and the table, one \`FailureDeclaration\` spread into declareClient (see connector-twilio-sms).
export const ${camel}Errors = {} satisfies ErrorTable;
`,
  'src/api.ts': `import { ConnectorErrorCodes } from '@logto/connector-kit';
import { connectorError${kind === 'sms' ? ', type Phone' : ''} } from '@switchboard/core';

import type { ${type} } from './config.js';
import { PROVIDER } from './metadata.js';

/**
 * ${todo('declare the client once with declareClient({ provider, formItems, ...failures from errors.ts }) and call it here: clientFor(config).request(…) at config.endpoint ?? defaultEndpoint (fields.ts; see connector-twilio-sms/src/api.ts)')}
 */
export const send = async (
  _config: ${type},
  _to: ${kind === 'sms' ? 'Phone' : 'string'},
  _text: string,
): Promise<unknown> => {
  throw connectorError(ConnectorErrorCodes.NotImplemented, {
    provider: PROVIDER,
    message: 'the provider call is not written yet: implement send() in src/api.ts',
  });
};
`,
  'src/index.ts':
    kind === 'sms'
      ? `import { createSmsConnector, renderTemplate, templateValues } from '@switchboard/core';

import { send } from './api.js';
import { ${guard} } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export default createSmsConnector({
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: ${guard},
  send: async (config, { phone, template, payload }) =>
    send(config, phone, renderTemplate(template.content, templateValues(payload))),
});
`
      : `import { ConnectorType, type CreateConnector, type EmailConnector } from '@logto/connector-kit';
import {
  payloadLocale,
  renderTemplate,
  resolveConfig,
  templateFor,
  templateValues,
} from '@switchboard/core';

import { send } from './api.js';
import { ${guard} } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

const create${camel[0].toUpperCase()}${camel.slice(1)}Connector: CreateConnector<EmailConnector> = async ({ getConfig }) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Email,
  configGuard: ${guard},
  sendMessage: async ({ to, type, payload }, inputConfig) => {
    const config = await resolveConfig(PROVIDER, ${guard}, getConfig, defaultMetadata.id, inputConfig);
    // ${todo('use getI18nEmailTemplate first, as connector-mailgun does')}
    const template = templateFor(config.templates, type, payloadLocale(payload));
    return send(config, to, renderTemplate(template.content, templateValues(payload)));
  },
});

export default create${camel[0].toUpperCase()}${camel.slice(1)}Connector;
`,
  'src/__fixtures__/configs.ts': `import { defaultSmsTemplates } from '@switchboard/core';

export const validConfig = {
  apiKey: 'test-api-key-0123456789',
  templates: defaultSmsTemplates,
};
`,
  'src/conformance.test.ts': `import { fileURLToPath } from 'node:url';

import { describeConformance } from '@switchboard/core/testing';
import nock from 'nock';

import { validConfig } from './__fixtures__/configs.js';
import { defaultEndpoint } from './fields.js';
import createConnector from './index.js';

describeConformance({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createConnector,
  validConfig,
  recipient: '${recipient}',
  // ${todo('intercept the provider call send() makes')}
  intercept: () => nock(defaultEndpoint).post(/.*/),
});
`,
};

for (const [file, content] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
  writeFileSync(path.join(target, file), content);
}
copyFileSync(path.join(root, 'LICENSE'), path.join(target, 'LICENSE'));
const changeset = path.join(root, '.changeset', `${provider}-first-release.md`);
const withChangeset = !values.dir && !values['no-changeset'];
if (withChangeset) {
  writeFileSync(
    changeset,
    `---\n"@switchboard/${folder}": minor\n---\n\nfirst release of the ${title.toLowerCase()} connector\n`,
  );
}
console.log(`Created ${path.relative(root, target)}${withChangeset ? ` and ${path.relative(root, changeset)}` : ''}.

Next:
  pnpm install                      link the new package
  pnpm vitest run --project @switchboard/${folder}
                                    structure checks pass; the provider-call checks fail with
                                    "implement send() in src/api.ts" until you write it
  grep -rn "TODO(${folder})" packages/${folder}
                                    everything left to write
Then add sandbox/index.ts (a fake of the provider for pnpm start, outside src/ so it never ships)
and see CONTRIBUTING.md.`);
