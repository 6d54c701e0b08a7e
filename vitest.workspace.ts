// The list of test projects: every folder under packages/ is one project with its own
// vitest.config.ts. Vitest 4 no longer reads this file on its own; vitest.config.ts imports it
// into `test.projects`, and `pnpm check:projects` fails CI if a package is missing from the run.
import type { TestProjectConfiguration } from 'vitest/config';

export default ['packages/*'] satisfies TestProjectConfiguration[];
