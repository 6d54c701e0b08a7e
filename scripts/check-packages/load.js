// The "load" check: a stock Logto's loadConnectorFactories imports the package and calls its
// factory. The loading itself runs in load-worker.js, one child process per package.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { loadTimeoutMs, logtoCoreDependencies } from './constants.js';

const workerPath = fileURLToPath(new URL('load-worker.js', import.meta.url));

/**
 * Loads one added package in a child process. The time limit starts once the worker has imported
 * @logto/cli (it reports "ready"), so a slow machine does not look like a hanging connector.
 *
 * @param {string} packageDirectory
 * @param {string} packageName
 * @param {{ core: string }} logto
 * @param {{ directory: string }} cli
 * @returns {Promise<Record<string, any>>} the worker's result, or `{ hang }` / `{ crash, output }`
 */
export const loadInWorker = (packageDirectory, packageName, logto, cli) =>
  new Promise((resolve) => {
    const child = fork(workerPath, [packageDirectory, packageName, logto.core, cli.directory], {
      silent: true,
      cwd: logto.core,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    let settled = false;
    let timer = setTimeout(
      () => finish({ crash: 'the load worker did not start within 60s', output }),
      60_000,
    );
    const finish = (value) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        child.kill();
        resolve(value);
      }
    };
    child.on('message', (message) => {
      if (message.ready) {
        clearTimeout(timer);
        timer = setTimeout(
          () => finish({ hang: `did not settle within ${loadTimeoutMs / 1000}s` }),
          loadTimeoutMs,
        );
        return;
      }
      finish({ ...message, output });
    });
    // 'close', not 'exit': the worker exits right after sending its result, and 'exit' can come
    // before that message is read from the channel (seen under load); 'close' comes after it.
    child.on('close', (code, signal) =>
      finish(
        // 13: Node's "unsettled top-level await": the import or the factory's promise never
        // settles and nothing else keeps this process alive. In a Logto server: a startup hang.
        code === 13
          ? { hang: 'never settles' }
          : { crash: `load worker exited (${signal ?? code}) without a result`, output },
      ),
    );
  });

/**
 * Reports how the load went, with Node's warnings as notes.
 *
 * @param {import('./report.js').Report} report
 * @param {Record<string, any>} loaded the result of {@link loadInWorker}
 * @param {{ version: string }} cli
 * @returns {boolean} whether it loaded, so that what it loaded can be checked
 */
export const checkLoad = (report, loaded, cli) => {
  const loader = `@logto/cli ${cli.version} loadConnectorFactories`;
  if (loaded.hang) {
    report.fail(
      'load',
      `importing lib/index.js or calling the factory ${loaded.hang}: a Logto server would hang at startup`,
    );
    return false;
  }
  if (loaded.crash) {
    report.fail('load', `check harness crashed: ${loaded.crash.split('\n').slice(0, 3).join(' ')}`);
    return false;
  }
  if (!loaded.load.ok) {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec(loaded.load.reason)?.[1];
    const hint =
      missing && logtoCoreDependencies.includes(missing)
        ? ` (${missing} is a Logto core dependency but is not installed in this repo, so this check cannot provide it)`
        : '';
    report.fail(
      'load',
      `${loader} (kit ${loaded.kitVersion}) ${loaded.load.fatal ? 'fails' : 'skips it'}: ${loaded.load.reason}${hint}`,
    );
    return false;
  }
  report.pass(
    'load',
    `${loader} (kit ${loaded.kitVersion}) imports lib/index.js; factory({ getConfig: notImplemented }) ` +
      `returns type ${loaded.load.type}, metadata and configGuard (validateConnectorModule)`,
  );
  for (const warning of loaded.load.warnings) {
    report.note('load', warning.split('\n')[0].replace(/^\(node:\d+\) /, ''));
  }
  return true;
};
