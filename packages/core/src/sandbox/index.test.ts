import { describe, expect, it } from 'vitest';

import { intermediaryReplies, type Observation, verdicts } from './index.js';

describe('verdicts: what a fake answers is what it records', () => {
  const recorder = () => {
    const observations: Observation[] = [];
    return { observations, observe: (observation: Observation) => observations.push(observation) };
  };

  it('refuse records the reason under the summary and answers with the reply as given', () => {
    const { observations, observe } = recorder();
    const reply = { status: 401, body: { code: 20003, message: 'Authenticate' } };
    expect(verdicts(observe, 'POST /x').refuse('authentication failed (20003)', reply)).toBe(reply);
    expect(observations).toEqual([
      { summary: 'POST /x', accepted: false, reason: 'authentication failed (20003)' },
    ]);
  });

  it('accept records an acceptance, with a note only when there is one', () => {
    const { observations, observe } = recorder();
    const reply = { status: 200, body: { id: 1 } };
    const { accept } = verdicts(observe, 'send');
    expect(accept(reply)).toBe(reply);
    expect(accept(reply, 'visible to recipients: v:code')).toBe(reply);
    expect(observations).toStrictEqual([
      { summary: 'send', accepted: true },
      { summary: 'send', accepted: true, reason: 'visible to recipients: v:code' },
    ]);
  });

  it('intercept answers as the intermediary, keeping its reason out of the reply', () => {
    const { observations, observe } = recorder();
    const reply = verdicts(observe, 'POST /y').intercept(intermediaryReplies.text401);
    expect(reply).toStrictEqual({
      status: 401,
      headers: { 'content-type': 'text/plain' },
      body: 'Forbidden',
    });
    expect(observations).toEqual([
      { summary: 'POST /y', accepted: false, reason: 'answered 401 in plain text' },
    ]);
  });
});
