import {
  type FakeServer,
  runScenario,
  type Sandbox,
  type SandboxScenario,
  type ScenarioResult,
} from '../sandbox/index.js';

export { type SilentServer, startSilentServer } from '../sandbox/index.js';

/** Starts a sandbox's fake provider, runs one scenario against it and closes the fake. */
export const runSandboxScenario = async (
  sandbox: Sandbox,
  scenario: SandboxScenario,
  createConnector: Parameters<typeof runScenario>[0]['createConnector'],
): Promise<ScenarioResult & { fake: FakeServer }> => {
  const fake = await sandbox.start();
  try {
    return { ...(await runScenario({ sandbox, fake, scenario, createConnector })), fake };
  } finally {
    await fake.close();
  }
};
