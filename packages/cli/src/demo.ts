import { runScenario, type Sandbox } from '@switchboard/core/sandbox';

export type DemoEntry = {
  /** The connector folder, e.g. `connector-twilio-sms`. */
  name: string;
  sandbox: Sandbox;
  /** The connector's default export, loaded the way Logto loads it. */
  createConnector: (options: { getConfig: (id: string) => Promise<unknown> }) => Promise<unknown>;
};

export type DemoRow = {
  connector: string;
  scenario: string;
  expected: string;
  outcome: string;
  received: string[];
  pass: boolean;
  reason?: string;
  latencyMs: number;
};

/**
 * Runs every scenario of every sandbox: starts the fake provider, builds the connector with a
 * `getConfig` that answers with the scenario's config (as Logto does for a saved connector), runs
 * the scenario and compares the outcome with what the scenario expects.
 */
export const runDemo = async (entries: DemoEntry[]): Promise<DemoRow[]> => {
  const rows: DemoRow[] = [];
  for (const entry of entries) {
    const fake = await entry.sandbox.start();
    try {
      for (const scenario of entry.sandbox.scenarios) {
        const { outcome, observations, latencyMs } = await runScenario({
          sandbox: entry.sandbox,
          fake,
          scenario,
          createConnector: entry.createConnector,
        });
        const accepted = observations.some((observation) => observation.accepted);
        const rejection = observations.find((observation) => !observation.accepted)?.reason;
        const pass = outcome === scenario.expect && (scenario.expect !== 'success' || accepted);
        rows.push({
          connector: entry.name,
          scenario: scenario.name,
          expected: scenario.expect,
          outcome,
          received: observations.map(
            (observation) =>
              `${observation.accepted ? 'accepted' : `refused: ${observation.reason ?? ''}`} — ${observation.summary}`,
          ),
          pass,
          ...(pass
            ? {}
            : {
                reason:
                  outcome === scenario.expect
                    ? 'the fake provider accepted nothing'
                    : `expected ${scenario.expect}, got ${outcome}${rejection ? ` (fake: ${rejection})` : ''}`,
              }),
          latencyMs,
        });
      }
    } finally {
      await fake.close();
    }
  }
  return rows;
};

const pad = (text: string, width: number) => text.padEnd(width);

export const formatRows = (rows: DemoRow[], color: boolean): string => {
  const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[0m` : text);
  const widths = {
    connector: Math.max(9, ...rows.map((row) => row.connector.length)),
    scenario: Math.max(8, ...rows.map((row) => row.scenario.length)),
    outcome: Math.max(7, ...rows.map((row) => row.outcome.length)),
  };
  const lines = [
    `${pad('connector', widths.connector)}  ${pad('scenario', widths.scenario)}  ${pad('outcome', widths.outcome)}  verdict  latency`,
  ];
  for (const row of rows) {
    lines.push(
      `${pad(row.connector, widths.connector)}  ${pad(row.scenario, widths.scenario)}  ${pad(row.outcome, widths.outcome)}  ${row.pass ? paint(32, 'PASS   ') : paint(31, 'FAIL   ')}  ${row.latencyMs.toFixed(1).padStart(6)} ms`,
    );
    for (const received of row.received) lines.push(`    provider received: ${received}`);
    if (row.reason) lines.push(`    ${paint(31, row.reason)}`);
  }
  const passed = rows.filter((row) => row.pass).length;
  lines.push('', `${passed} of ${rows.length} scenarios passed`);
  return lines.join('\n');
};
