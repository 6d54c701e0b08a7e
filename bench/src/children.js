// The child processes a bench run measures in: against the fake provider (spawnChild), or a fresh
// `node` timed from outside (spawnTimed).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { childDirectory } from './context.js';
import { benchDirectory } from './discover.js';

/** The environment of every child: no inherited NODE_OPTIONS or compile cache. */
const childEnvironment = () => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_COMPILE_CACHE;
  return env;
};

/**
 * Runs one child against the fake provider (`script` with preload.js, the fake's CA and `job` in
 * BENCH_JOB) and returns the JSON it wrote to `job.out`, or throws with its stderr.
 *
 * @param {{ server?: { port: number }, certificates?: { caFile: string } }} fake
 */
export const spawnChild = (fake, script, connector, job) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', path.join(childDirectory, 'preload.js'), path.join(childDirectory, script)],
      {
        cwd: benchDirectory,
        env: {
          ...childEnvironment(),
          NODE_EXTRA_CA_CERTS: fake.certificates?.caFile,
          BENCH_FAKE_HOSTS: connector.bench.hosts.join(','),
          BENCH_FAKE_PORT: String(fake.server?.port),
          BENCH_JOB: JSON.stringify(job),
        },
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(JSON.parse(readFileSync(job.out, 'utf8')));
      } else {
        const lines = stderr
          .trim()
          .split('\n')
          .filter((line) => !/ExperimentalWarning|--trace-warnings/.test(line));
        reject(
          new Error(`${script} exited with ${signal ?? code}: ${lines.slice(-3).join(' | ')}`),
        );
      }
    });
  });

const coldEnvironment = childEnvironment();

/** Wall-clock milliseconds of one fresh `node` process, and what it printed. */
export const spawnTimed = (args) => {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { env: coldEnvironment, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(child.stderr.trim().split('\n').slice(-2).join(' | '));
  return { ms, output: child.stdout };
};
