// A genuine conversation with a sandbox fake, recorded once, to replay later as it was or mutated:
// the connector call a success scenario makes, and the provider exchanges it caused.
import { type ConnectorCall, runScenario, type Subject, successScenario } from './connectors.js';
import { type Exchange, startRecorder } from './servers.js';

export type Genuine = {
  call: ConnectorCall;
  exchanges: Exchange[];
  /** The scenario's config for a fake at `baseUrl`. */
  config: (baseUrl: string) => Record<string, unknown>;
};

export const recordGenuine = async (subject: Subject): Promise<Genuine> => {
  const fake = await subject.sandbox.start();
  const recorder = await startRecorder(fake.url);
  try {
    const scenario = successScenario(subject);
    const makeConfig = scenario.config ?? subject.sandbox.config;
    recorder.state.recording = false;
    let call: ConnectorCall | undefined;
    await runScenario(subject, scenario, makeConfig(recorder.url), (phase, seen) => {
      recorder.state.recording = phase === 'start';
      if (phase === 'start') call = seen;
    });
    if (!call || recorder.exchanges.length === 0) {
      throw new Error(`${subject.folder}: the success scenario made no provider call`);
    }
    const exchanges = [...recorder.exchanges];
    return { call, exchanges, config: makeConfig };
  } finally {
    await recorder.close();
    await fake.close();
  }
};
