// Shared vitest project settings. Each package's vitest.config.ts is a one-line re-export.
import { fileURLToPath } from 'node:url';

import { defineProject } from 'vitest/config';

const setupFile = fileURLToPath(new URL('vitest.setup.ts', import.meta.url));

export default defineProject({
  test: {
    include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts'],
    setupFiles: [setupFile],
    environment: 'node',
    testTimeout: 20_000,
    restoreMocks: true,
  },
});
