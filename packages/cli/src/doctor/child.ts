// Runs doctor-worker.js for one package in a child process of its own, with the instance's
// packages/core as its cwd, and turns how it ended into a LoadResult.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { LoadResult } from './load-problems.js';

/**
 * The worker beside this module: src/doctor/doctor-worker.js when run from the sources (tests),
 * lib/doctor-worker.js (a tsup entry of its own) beside the bundle that holds this code.
 */
const workerPath = fileURLToPath(new URL('./doctor-worker.js', import.meta.url));

/** The first line of stderr that names an error, for a process that ended without a result. */
const errorLine = (stderr: string) =>
  stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^\w*Error\b|^Uncaught/.test(line));

/** Imports one package in a child process, with the instance's packages/core as its cwd. */
export const loadInChild = (packageDir: string, core: string, timeoutMs: number) =>
  new Promise<LoadResult>((resolve) => {
    const env = { ...process.env };
    // Only what Node finds from the package's own folder counts, as in a Logto server.
    delete env.NODE_PATH;
    const child = spawn(process.execPath, [workerPath, packageDir, core], {
      cwd: core,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: LoadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(result);
    };
    child.on('message', (message: { ready?: boolean } & LoadResult) => {
      if (message.ready) {
        // The clock starts once Node and the kit are up, so a slow machine is not a hanging package.
        timer = setTimeout(
          () => finish({ hang: `does not settle within ${timeoutMs / 1000} s` }),
          timeoutMs,
        );
        return;
      }
      finish(message);
    });
    child.on('error', (error) => finish({ crash: error.message }));
    // 'close' comes after every message the child sent.
    child.on('close', (code, signal) => {
      // 13: Node's "unsettled top-level await": the import or the factory's promise never settles.
      if (code === 13) {
        finish({ hang: 'never settles' });
        return;
      }
      const detail = errorLine(stderr);
      finish({ crash: `exit ${signal ?? code}${detail ? `: ${detail}` : ''}` });
    });
  });
