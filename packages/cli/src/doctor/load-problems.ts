// What the child process's load of a package (doctor-worker.js) means for Logto.
import path from 'node:path';

import { kitName } from '../logto-loader.js';
import { firstLine, type Problem } from './report.js';

export type LoadStage = 'kit' | 'import' | 'export' | 'factory' | 'validate';
export type LoadError = { isError: boolean; name?: string; code?: string; message: string };

/** What the child process reports: the factory's result, or the stage that failed. */
export type LoadResult =
  | {
      loaded: true;
      type: string;
      cjs: boolean;
      metadata: Record<string, unknown>;
      guardIssues: string[];
    }
  | { loaded: false; stage: LoadStage; error: LoadError; missing?: string[] }
  | { hang: string }
  | { crash: string };

const importProblem = (error: LoadError, packageDir: string): Problem => {
  const missingPackage = /Cannot find package '([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_MODULE_NOT_FOUND' && missingPackage) {
    return {
      effect: 'skipped',
      problem: `imports '${missingPackage}', which this Logto does not provide`,
      fix: 'bundle it',
    };
  }
  const missingFile = /Cannot find module '([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_MODULE_NOT_FOUND' && missingFile) {
    return {
      effect: 'skipped',
      problem: `lib/index.js imports ${path.relative(packageDir, missingFile)}, which is not in the package`,
      fix: 'publish the whole lib/ folder',
    };
  }
  return {
    effect: 'skipped',
    problem: `importing lib/index.js fails (${error.name ?? 'Error'}: ${firstLine(error.message)})`,
    fix: 'fix the build so that Node 22 imports lib/index.js',
  };
};

const factoryProblem = (error: LoadError): Problem =>
  error.code === 'not_implemented'
    ? {
        effect: 'skipped',
        problem: 'the factory calls getConfig while Logto builds it, before any config exists',
        fix: 'read the config only when the connector sends or signs in',
      }
    : {
        effect: 'skipped',
        problem: `the factory throws when Logto builds it with only getConfig (${firstLine(error.message)})`,
        fix: 'build without a config',
      };

/** The problem of a load that failed at `stage`, which threw an Error. */
const stageProblem = (
  { stage, error, missing }: Extract<LoadResult, { loaded: false }>,
  packageDir: string,
): Problem => {
  switch (stage) {
    case 'kit': {
      return {
        effect: 'fatal',
        problem: `this Logto's ${kitName} cannot be imported (${firstLine(error.message)})`,
        fix: 'repair the Logto installation',
      };
    }
    case 'import': {
      return importProblem(error, packageDir);
    }
    case 'export': {
      return {
        effect: 'skipped',
        problem: 'lib/index.js has no default-exported factory function',
        fix: 'export the connector factory as default',
      };
    }
    case 'factory': {
      return factoryProblem(error);
    }
    case 'validate': {
      return {
        effect: 'skipped',
        problem: `the factory's result has no valid ${(missing ?? []).join(', ')}`,
        fix: 'return metadata, configGuard and a type of Email, Sms or Social',
      };
    }
  }
};

export const loadProblems = (result: LoadResult, packageDir: string): Problem[] => {
  if ('hang' in result) {
    return [
      {
        effect: 'fatal',
        problem: `importing lib/index.js or calling the factory ${result.hang}, so Logto would hang at startup`,
        fix: 'settle every promise the module and the factory start',
      },
    ];
  }
  if ('crash' in result) {
    return [
      {
        effect: 'fatal',
        problem: `loading it ends the process (${result.crash}), so Logto would stop`,
        fix: 'do not exit or throw outside a promise while importing or building',
      },
    ];
  }
  if (result.loaded) return [];
  const { stage, error } = result;
  if (!error.isError && stage !== 'kit') {
    return [
      {
        effect: 'fatal',
        problem: `it throws a non-Error value (${firstLine(error.message)}) while ${stage === 'import' ? 'importing' : 'building'}, so Logto fails to start`,
        fix: 'throw an Error',
      },
    ];
  }
  return [stageProblem(result, packageDir)];
};
