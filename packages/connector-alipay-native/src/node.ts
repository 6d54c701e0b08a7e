// The method's node of a gateway answer: cut from the raw text (the text Alipay signed), parsed,
// and marked failed when it is an `error_response` or carries a code other than 10000.
import { lazyGuard } from '@switchboard/core';
import { z } from 'zod';

import { rawMembers, responseNodeName } from './signing.js';

const codeGuard = lazyGuard(() => z.union([z.string(), z.number()]).transform(String));

/** Every Alipay node may carry these; only a node with a code other than 10000 is a failure. */
const outcomeGuard = lazyGuard(() =>
  z
    .object({
      code: codeGuard.optional(),
      msg: z.string().optional(),
      sub_code: z.string().optional(),
      sub_msg: z.string().optional(),
    })
    .passthrough(),
);

export type AlipayNode = z.infer<typeof outcomeGuard>;

export type MethodNode = {
  /** The node exactly as it stands in the body, as decoded: the text Alipay signed. */
  nodeText: string;
  node: AlipayNode;
  /** An `error_response`, or a node whose code is not 10000. */
  failed: boolean;
};

/** Cuts the method's node (or `error_response`) from the raw body; undefined when there is none. */
export const methodNodeOf = (method: string, rawBody: string): MethodNode | undefined => {
  const members = rawMembers(rawBody);
  const nodeName = responseNodeName(method);
  const isError = !members.has(nodeName) && members.has('error_response');
  const nodeText = members.get(nodeName) ?? members.get('error_response');
  const parsed = outcomeGuard.safeParse(nodeText === undefined ? undefined : JSON.parse(nodeText));
  if (nodeText === undefined || !parsed.success) return undefined;
  const node = parsed.data;
  return { nodeText, node, failed: isError || (node.code !== undefined && node.code !== '10000') };
};
