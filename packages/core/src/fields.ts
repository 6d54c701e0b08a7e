// Each config field declared once: the guard that parses it and the Console form item that edits
// it, side by side. A connector lists its fields in the Console's order; its config guard is
// derived from the list (`shapeOf`, plus the rules that tie fields together) and so are its
// metadata's form items (`formItemsOf`).
import { type ConnectorConfigFormItem } from '@logto/connector-kit';
import { z, type ZodTypeAny } from 'zod';

import { endpointGuard, lazyGuard, timeoutGuard } from './config.js';
import { destinationFields, destinationFormItems } from './destinations.js';
import { endpointFormItem, templatesFormItem, timeoutFormItem } from './form-items.js';
import { templatesGuard } from './templates.js';

/** A form item without its key: the key is the field's name in the list. */
export type FormItem = ConnectorConfigFormItem extends infer Item
  ? Item extends ConnectorConfigFormItem
    ? Omit<Item, 'key'>
    : never
  : never;

/** One config field: its guard, and the Console form item that edits it (none: not in the form). */
export type Field<G extends ZodTypeAny = ZodTypeAny> = { guard: G; form?: FormItem };

export type Fields = Record<string, Field>;

export const field = <G extends ZodTypeAny>(guard: G, form?: FormItem): Field<G> =>
  form ? { guard, form } : { guard };

/** The zod object shape of a field list, for `z.object(shapeOf(fields))`. */
export const shapeOf = <F extends Fields>(fields: F): { [K in keyof F]: F[K]['guard'] } =>
  Object.fromEntries(Object.entries(fields).map(([key, { guard }]) => [key, guard])) as {
    [K in keyof F]: F[K]['guard'];
  };

/** The Console form items of a field list, in its order. */
export const formItemsOf = (fields: Fields): ConnectorConfigFormItem[] =>
  Object.entries(fields).flatMap(([key, { form }]) =>
    form ? [{ key, ...form } as ConnectorConfigFormItem] : [],
  );

const withoutKey = ({ key: _key, ...form }: ConnectorConfigFormItem): FormItem => form;

/** A field that the Console may save as `""` after an administrator clears it: blank is unset. */
export const blankAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The `endpoint` override every connector offers (proxies, the sandbox); blank is not set. */
export const endpointField = (placeholder: string, description: string) =>
  field(
    lazyGuard(() => z.preprocess(blankAsUnset, endpointGuard.optional())),
    withoutKey(endpointFormItem(placeholder, description)),
  );

/** The request `timeout` every connector offers, in milliseconds. */
export const timeoutField = (...args: Parameters<typeof timeoutFormItem>) =>
  field(timeoutGuard.optional(), withoutKey(timeoutFormItem(...args)));

/** The `templates` every SMS connector offers, each entry read by `itemGuard`. */
export const templatesField = <T extends z.ZodType<{ usageType: string }>>(
  itemGuard: T,
  ...args: Parameters<typeof templatesFormItem>
) => field(templatesGuard(itemGuard), withoutKey(templatesFormItem(...args)));

const destinationForm = (key: string) =>
  withoutKey(destinationFormItems.find((item) => item.key === key)!);

/** The destination rules every SMS connector takes (allowed and blocked countries, number types). */
export const destinationFieldList = {
  allowedCountries: field(destinationFields.allowedCountries, destinationForm('allowedCountries')),
  blockedCountries: field(destinationFields.blockedCountries, destinationForm('blockedCountries')),
  blockedNumberTypes: field(
    destinationFields.blockedNumberTypes,
    destinationForm('blockedNumberTypes'),
  ),
};
