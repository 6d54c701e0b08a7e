import { formatPath, issueMessage } from '@switchboard/core';

import type { ConnectorPackage } from '../resolve.js';
import { build, type FormItem, readConfig } from './common.js';

export type Problem = { field: string; problem: string; expected?: string };

const expectedFor = (item: FormItem | undefined): string | undefined => {
  if (!item) return undefined;
  if (item.selectItems)
    return `one of ${item.selectItems.map(({ value }) => `"${value}"`).join(', ')}`;
  if (item.placeholder && !item.isConfidential) return `e.g. ${item.placeholder}`;
  return item.description;
};

/** Validates a config with the connector's own guard and explains each problem in plain words. */
export const checkConfig = async (pkg: ConnectorPackage, configFile: string | undefined) => {
  const config = readConfig(configFile);
  const connector = await build(pkg, config);
  const result = connector.configGuard.safeParse(config);
  const items = new Map((connector.metadata.formItems ?? []).map((item) => [item.key, item]));
  const problems: Problem[] = (result.error?.issues ?? []).map((issue) => {
    const key = String(issue.path[0] ?? '');
    const isEnum = issue.code === 'invalid_enum_value';
    // A field's own description explains the field, not a problem deep inside its value.
    const expected = isEnum || issue.path.length > 1 ? undefined : expectedFor(items.get(key));
    return {
      field: formatPath(issue.path) || '(config)',
      // The same wording as the connector's own errors, which never repeat a received value.
      problem: issueMessage(issue),
      ...(expected ? { expected } : {}),
    };
  });
  const unknown = Object.keys(config).filter((key) => items.size > 0 && !items.has(key));
  return { connector, config, problems, unknown };
};
