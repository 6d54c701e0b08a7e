// Every config field of the Mailgun connector, declared once: its guard and the Console form item
// that edits it, in the Console's order; the provider's constants they are built from come first.
// config.ts turns the list into the config guard, metadata.ts adds the names and descriptions.
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import {
  blankAsUnset,
  endpointField,
  endpointGuard,
  field,
  lazyGuard,
  timeoutField,
  type UsageType,
  usageTypes,
} from '@switchboard/core';
import { z } from 'zod';

/**
 * Mailgun's API hosts, one per region: the `region` choices and the host the requests use. A
 * sending domain lives in exactly one of them.
 */
export const regions = {
  us: { name: 'United States', host: 'https://api.mailgun.net' },
  eu: { name: 'European Union', host: 'https://api.eu.mailgun.net' },
} as const;

type Region = keyof typeof regions;

const defaultRegion: Region = 'us';

/** Payload values a Mailgun-hosted template receives unless `payloadVariables` says otherwise. */
const defaultPayloadVariables = ['code', 'link'];

const lines: Record<UsageType, [subject: string, html: string]> = {
  SignIn: ['Your sign-in code', 'Your sign-in verification code is <b>{{code}}</b>.'],
  Register: ['Your registration code', 'Your registration verification code is <b>{{code}}</b>.'],
  ForgotPassword: [
    'Your password reset code',
    'Your password reset verification code is <b>{{code}}</b>.',
  ],
  Generic: ['Your verification code', 'Your verification code is <b>{{code}}</b>.'],
  OrganizationInvitation: [
    'You have been invited to join an organization',
    'You have been invited to join an organization. <a href="{{link}}">Accept the invitation</a>.',
  ],
  UserPermissionValidation: [
    'Confirm this action',
    'Your verification code to confirm this action is <b>{{code}}</b>.',
  ],
  BindNewIdentifier: [
    'Confirm your email address',
    'Your verification code to link this email address is <b>{{code}}</b>.',
  ],
  MfaVerification: [
    'Your two-step verification code',
    'Your two-step verification code is <b>{{code}}</b>.',
  ],
  BindMfa: [
    'Turn on two-step verification',
    'Your code to turn on two-step verification is <b>{{code}}</b>.',
  ],
};

const expiry = ' It expires in {{ttlMinutes}} minutes.';

/** Default deliveries for the Console form: one HTML message per usage type. */
export const defaultDeliveries = Object.fromEntries(
  usageTypes.map((type) => {
    const [subject, html] = lines[type];
    const withExpiry = html.includes('{{code}}') ? `${html}${expiry}` : html;
    return [type, { subject, html: `<p>${withExpiry}</p>` }];
  }),
);

const required = (key: string) => z.string().trim().min(1, `${key} is required`);

/** Direct content: Mailgun receives the rendered subject, HTML and text. */
const contentFields = () => ({
  subject: z.string().optional(),
  replyTo: z.string().optional(),
  text: z.string().optional(),
});
const htmlDelivery = lazyGuard(() => z.object({ ...contentFields(), html: z.string() }));
const textDelivery = lazyGuard(() => z.object({ ...contentFields(), text: z.string() }));

/** A template stored in Mailgun, filled with `variables` and the allowed payload values. */
const templateDelivery = lazyGuard(() =>
  z.object({
    template: z.string().trim().min(1, 'template must not be empty'),
    variables: z.record(z.unknown()).optional(),
    subject: z.string().optional(),
    replyTo: z.string().optional(),
  }),
);

/**
 * The official connector's two shapes (HTML first, then template), plus text-only content. An
 * entry with both `html` and `template` is HTML content, as in the official connector.
 */
const deliveryGuard = lazyGuard(() =>
  z.union([htmlDelivery, templateDelivery, textDelivery], {
    errorMap: () => ({ message: 'each delivery needs html, text or template' }),
  }),
);

export type Delivery = z.infer<typeof deliveryGuard>;

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const domainName = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})+$`, 'i');

/** `a@b.c` or `Display Name <a@b.c>` (the name may be quoted). */
const mailbox = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

const payloadPath = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

/**
 * A base URL with no path: https (http only on loopback), any host. The official check ran
 * `endsWith('.mailgun.net')` on the whole string, so `https://evil.example/.mailgun.net` passed
 * and sent the API key to evil.example; a path is never needed, since requests go to /v3/... .
 */
const mailgunEndpointGuard = lazyGuard(() =>
  endpointGuard.pipe(
    z.string().refine((value) => new URL(value).pathname === '/', {
      message: 'endpoint must be a base URL without a path, such as https://api.eu.mailgun.net',
    }),
  ),
);

export const mailgunFields = {
  region: field(
    lazyGuard(() => z.enum(Object.keys(regions) as [Region, ...Region[]]).default(defaultRegion)),
    {
      label: 'Region',
      type: ConnectorConfigFormItemType.Select,
      defaultValue: defaultRegion,
      selectItems: Object.entries(regions).map(([value, { name, host }]) => ({
        value,
        title: `${name} (${new URL(host).host})`,
      })),
      description:
        'The region your sending domain was created in. A domain only works in its own region.',
    },
  ),
  domain: field(
    lazyGuard(() =>
      required('domain').refine((value) => domainName.test(value), {
        message: 'domain must be a domain name such as mg.example.com, without https:// or a path',
      }),
    ),
    {
      label: 'Sending domain',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'mg.example.com',
      description: 'The domain as listed under Sending > Domains in Mailgun, without https://.',
    },
  ),
  apiKey: field(
    lazyGuard(() => required('apiKey')),
    {
      label: 'API key',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<your-mailgun-api-key>',
      description: 'A Mailgun API key (or a domain sending key) for this domain.',
    },
  ),
  from: field(
    lazyGuard(() =>
      required('from').refine((value) => mailbox.test(value), {
        message:
          'from must be an address such as no-reply@mg.example.com, or Name <no-reply@mg.example.com>',
      }),
    ),
    {
      label: 'From',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'Example <no-reply@mg.example.com>',
      description: 'The sender, as an address or "Name <address>", on your sending domain.',
    },
  ),
  deliveries: field(
    // Logto drops an empty object on save, and Logto email templates can serve every usage type.
    lazyGuard(() => z.record(deliveryGuard).default({})),
    {
      label: 'Deliveries',
      type: ConnectorConfigFormItemType.Json,
      defaultValue: defaultDeliveries,
      description:
        'One entry per usage type: { subject, html, text, replyTo } or a Mailgun-hosted { template, variables, subject }. Usage types without an entry use "Generic". Logto email templates, when set, take precedence.',
    },
  ),
  payloadVariables: field(
    lazyGuard(() =>
      z
        .array(
          z
            .string()
            .regex(
              payloadPath,
              'payloadVariables holds names such as "code" or "application.name"',
            ),
        )
        .default(defaultPayloadVariables),
    ),
    {
      label: 'Values passed to Mailgun templates',
      type: ConnectorConfigFormItemType.Json,
      defaultValue: defaultPayloadVariables,
      description:
        'Which message values a Mailgun-hosted template receives in t:variables, e.g. ["code", "link", "locale", "application.name"]. Nothing else leaves for Mailgun.',
    },
  ),
  endpoint: field(
    // Core's endpoint field (blank is unset, same form item), with Mailgun's no-path rule.
    lazyGuard(() => z.preprocess(blankAsUnset, mailgunEndpointGuard.optional())),
    endpointField(
      'https://mailgun-proxy.example.com',
      'Optional base URL of a proxy, without a path; replaces the region host. https only.',
    ).form,
  ),
  /** Leave Mailgun's click and open tracking as the account has them (default: off per message). */
  tracking: field(
    lazyGuard(() => z.boolean().optional()),
    {
      label: 'Keep Mailgun tracking',
      type: ConnectorConfigFormItemType.Switch,
      description:
        'Off (default): each email is sent with click and open tracking off, so one-time sign-in links are not rewritten through the tracking domain. On: your Mailgun domain’s tracking settings apply.',
    },
  ),
  /** Mailgun test mode: the request is validated and nothing is delivered. */
  testMode: field(
    lazyGuard(() => z.boolean().optional()),
    {
      label: 'Test mode (nothing is delivered)',
      type: ConnectorConfigFormItemType.Switch,
      description:
        'While on, Mailgun checks the request and credentials and answers as for a real send, but delivers NOTHING: no user receives a code. For trying a config at no cost; turn it off before going live.',
    },
  ),
  timeout: timeoutField('Mailgun'),
};
