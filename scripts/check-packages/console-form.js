// The "console form" and "secret fields" checks: what an administrator meets in the Logto Console's
// form for a new connector (shared/reference/logto-console.md).
//
// "console form" plays the create form the way the Console 1.42 source does it
// (console/src/utils/connector-form.ts: initFormData, parseFormConfig; components/ConnectorForm/
// ConfigForm/ConfigFormFields: the required and JSON checks), as an administrator who types only
// what the form asks for:
// 1. every field starts at its `defaultValue`; a Json field shows JSON.stringify(defaultValue,
//    null, 2), so a Json field without a default holds `undefined` and the form answers "Invalid
//    JSON format": Test and Save refuse (this is how Twilio's WhatsApp templates stopped everyone);
// 2. the administrator fills the required fields with a plausible value (its placeholder, or one
//    of `typedValues`), a single-line Text field losing its line breaks as a browser input does;
// 3. Save turns the form into a config: '' dropped, Number fields through Number(), Json fields
//    parsed (a parse failure becomes {}); the configGuard must accept it as submitted and after
//    Logto core's cleanDeep (what getConfig returns later);
// 4. where the guard still asks for an empty, visible Text or Number field (an either/or choice the
//    form cannot mark required, such as Twilio's Auth Token or API key), the administrator types
//    there too, and the guard must then accept. Anything else it refuses fails the check: a
//    default, a Json field, a hidden field or a key the form does not have.
// The playing runs in the load worker (it needs the connector's configGuard); this file reports.
import { generateKeyPairSync } from 'node:crypto';

/**
 * What an administrator types into a field whose placeholder is not a value the connector can take.
 * Keyed by form key, so every connector that has the field gets the same value.
 */
const typedValues = {
  // A fresh RSA key in PEM: the Alipay private key is checked when the config is saved.
  privateKey: () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }),
};

/** A browser's single-line <input> strips line breaks from what is pasted into it. */
const singleLineTypes = new Set(['Text', 'Number']);

const isEmptyInput = (value) => value === undefined || value === null || value === '';

/** What an administrator would type into `item`, or undefined when the check cannot tell. */
const typedValue = (item) => {
  const typed = typedValues[item.key]?.() ?? item.placeholder;
  if (typeof typed !== 'string' || typed.trim() === '') {
    return undefined;
  }
  if (item.type === 'Number') {
    const number = Number(typed);
    return Number.isNaN(number) ? undefined : typed;
  }
  return singleLineTypes.has(item.type) ? typed.replaceAll(/\r?\n/g, '') : typed;
};

/** initFormData(formItems) for a new connector: each field at its default, Json as JSON text. */
const initialForm = (formItems) =>
  Object.fromEntries(
    formItems.map((item) => [
      item.key,
      item.type === 'Json' ? JSON.stringify(item.defaultValue, null, 2) : item.defaultValue,
    ]),
  );

/** ConfigFormFields renders only the items whose showConditions hold. */
const isVisible = (item, form) =>
  (item.showConditions ?? []).every(
    ({ targetKey, expectValue }) => form[targetKey] === expectValue,
  );

/** parseFormConfig(form, formItems): what Test and Save send. */
const submittedConfig = (form, formItems) => {
  const config = {};
  for (const [key, value] of Object.entries(form)) {
    const item = formItems.find((formItem) => formItem.key === key);
    // An untouched input is '' (or NaN for a number input) in the browser: dropped either way.
    if (!item || isEmptyInput(value)) {
      continue;
    }
    if (item.type === 'Number') {
      if (!Number.isNaN(Number(value))) config[key] = Number(value);
    } else if (item.type === 'Json') {
      try {
        config[key] = JSON.parse(typeof value === 'string' ? value : '');
      } catch {
        config[key] = {};
      }
    } else {
      config[key] = value;
    }
  }
  return config;
};

/** Logto core's cleanDeep before storing a config: drops '', null, undefined, empty arrays and objects. */
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
  isEmptyInput(value) ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

const describeIssue = ({ path: issuePath, message }) =>
  `${issuePath.length > 0 ? issuePath.join('.') : '(config)'}: ${message}`;

/**
 * Plays the Console's create form for one connector (runs in the load worker).
 *
 * @param {Record<string, any>[]} formItems the connector's metadata.formItems
 * @param {{ safeParse?: (config: unknown) => { success: boolean, error?: { issues: any[] } } }} configGuard
 * @returns {{ ok: boolean, reasons: string[], defaults: string[], required: string[], asked: string[] }}
 */
export const playCreateForm = (formItems, configGuard) => {
  const result = { ok: false, reasons: [], defaults: [], required: [], asked: [] };
  if (!configGuard || typeof configGuard.safeParse !== 'function') {
    result.reasons.push('configGuard has no safeParse: it is not a zod schema, so saving fails');
    return result;
  }
  const form = initialForm(formItems);
  result.defaults = formItems
    .filter((item) => !isEmptyInput(item.defaultValue))
    .map((item) => item.key);

  // 1. The form's own checks, before anything is sent.
  for (const item of formItems) {
    if (item.type === 'Json' && typeof form[item.key] !== 'string') {
      result.reasons.push(
        `Json field ${item.key} has no defaultValue: the Console shows it empty and answers "Invalid JSON format", so Test and Save refuse until the administrator writes JSON there`,
      );
    }
  }
  // 2. The administrator fills the visible required fields.
  for (const item of formItems) {
    if (!item.required || item.type === 'Switch' || !isVisible(item, form)) continue;
    if (!isEmptyInput(form[item.key])) continue;
    const typed = typedValue(item);
    if (typed === undefined) {
      result.reasons.push(
        `required field ${item.key} has no placeholder to play an administrator with: add one (or a value in console-form.js typedValues)`,
      );
      continue;
    }
    form[item.key] = typed;
    result.required.push(item.key);
  }
  if (result.reasons.length > 0) return result;

  // 3 and 4. Save; type into a field the guard asks for, as long as it is one that can be typed in.
  for (let round = 0; round <= formItems.length; round += 1) {
    const submitted = submittedConfig(form, formItems);
    const refusals = [
      ['as the Console submits it', submitted],
      ['after core cleanDeep', cleanDeep(submitted)],
    ].flatMap(([label, config]) => {
      const parsed = configGuard.safeParse(config);
      return parsed.success ? [] : parsed.error.issues.map((issue) => ({ issue, label }));
    });
    if (refusals.length === 0) {
      result.ok = true;
      return result;
    }
    const typedNow = new Set();
    for (const { issue, label } of refusals) {
      const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      if (typedNow.has(key)) continue;
      const item = formItems.find((formItem) => formItem.key === key);
      const typeable =
        item &&
        ['Text', 'MultilineText', 'Number'].includes(item.type) &&
        isVisible(item, form) &&
        isEmptyInput(form[key]) &&
        isEmptyInput(item.defaultValue);
      const typed = typeable ? typedValue(item) : undefined;
      if (typed !== undefined) {
        form[key] = typed;
        result.asked.push(key);
        typedNow.add(key);
      } else if (key !== undefined && !item) {
        result.reasons.push(
          `configGuard needs "${key}" (${issue.message}) but formItems has no such key: the Console form cannot set it`,
        );
      } else {
        result.reasons.push(`configGuard refuses ${describeIssue(issue)} (${label})`);
      }
    }
    if (typedNow.size === 0 || result.reasons.length > 0) break;
  }
  result.reasons = [...new Set(result.reasons)];
  if (result.reasons.length === 0) {
    result.reasons.push('configGuard still refuses after every field it asks for was typed in');
  }
  return result;
};

/**
 * @param {import('./report.js').Report} report
 * @param {{ consoleForm: ReturnType<typeof playCreateForm> }} loaded the load worker's result
 */
export const checkConsoleForm = (report, { consoleForm }) => {
  if (!consoleForm.ok) {
    report.fail(
      'console form',
      `the Console's create form, as it first appears with the required fields filled, cannot be saved: ${consoleForm.reasons.join('; ')}`,
    );
    return;
  }
  const list = (keys) => (keys.length > 0 ? keys.join(', ') : 'none');
  report.pass(
    'console form',
    `configGuard accepts a new form (defaults: ${list(consoleForm.defaults)}; typed: ${list(consoleForm.required)}` +
      (consoleForm.asked.length > 0 ? `; then asked for: ${list(consoleForm.asked)}` : '') +
      ') as the Console submits it and after core cleanDeep',
  );
};

/** A form key that names a secret; a public key or certificate is none. */
const secretLooking = ({ key, isConfidential }) =>
  isConfidential === true || (/(Key|Secret|Token|Password)$/.test(key) && !/Public/.test(key));

/**
 * Every secret is a field the Console masks: a single-line `Text` marked isConfidential (the
 * Console masks nothing multi-line, on the guide and on the details page).
 *
 * @param {import('./report.js').Report} report
 * @param {{ raw: { formItems?: Record<string, any>[] } }} loaded the load worker's result
 */
export const checkSecretFields = (report, { raw }) => {
  const secrets = (raw.formItems ?? []).filter((item) => secretLooking(item));
  const problems = secrets.flatMap((item) => {
    if (item.type !== 'Text') {
      return [
        `${item.key} is a ${item.type} field: the Console shows it in clear; make it a single-line confidential Text`,
      ];
    }
    return item.isConfidential === true
      ? []
      : [
          `${item.key} looks like a secret but is not isConfidential: mark it so the Console masks it`,
        ];
  });
  if (problems.length > 0) {
    report.fail('secret fields', problems.join('; '));
  } else {
    report.pass(
      'secret fields',
      secrets.length > 0
        ? `${secrets.map(({ key }) => key).join(', ')}: single-line confidential Text, masked by the Console`
        : 'no field looks like a secret',
    );
  }
};
