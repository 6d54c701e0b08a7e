// Small helpers shared by the checks.
import fs from 'node:fs/promises';
import os from 'node:os';

/** @param {string} file */
export const readJson = async (file) => JSON.parse(await fs.readFile(file, 'utf8'));

/**
 * Runs at most `limit` of the returned function's calls at a time.
 *
 * @param {number} limit
 * @returns {<T>(task: () => Promise<T>) => Promise<T>}
 */
const limitConcurrency = (limit) => {
  let active = 0;
  const queue = [];
  const next = () => {
    if (active < limit && queue.length > 0) {
      active += 1;
      const { task, resolve, reject } = queue.shift();
      task()
        .then(resolve, reject)
        .finally(() => {
          active -= 1;
          next();
        });
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push({ task, resolve, reject });
      next();
    });
};

/** One limit shared by packing and loading, so the two never run more than this many together. */
export const limit = limitConcurrency(Math.max(2, os.availableParallelism()));
