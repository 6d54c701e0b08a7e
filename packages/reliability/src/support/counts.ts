// Counters a test file fills in and prints once at the end, so the run shows how much it did.
import { afterAll } from 'vitest';

import { scanned } from './scanner.js';

export const createCounts = <K extends string>(title: string, keys: readonly K[]) => {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  afterAll(() => {
    const parts = [
      ...keys.map((key) => `${key}: ${counts[key]}`),
      `errors scanned for secrets: ${scanned.errors}`,
    ];
    console.log(`[reliability] ${title}: ${parts.join(', ')}`);
  });
  return counts;
};
