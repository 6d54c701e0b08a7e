import { parseArgs } from 'node:util';

import { demo } from './commands/demo.js';
import { doctor } from './commands/doctor.js';
import { UsageError } from './commands/common.js';
import { authorize, check, type Flags, send, userInfo } from './commands/run.js';
import { exitCodes } from './output.js';
import { resolveConnector } from './resolve.js';

const help = {
  main: `Usage: switchboard <command> [options]

Commands:
  demo                      Run every connector against its fake provider on 127.0.0.1 (no account, no network)
  send <connector>          Send one real message with a config file
  check <connector>         Validate a config file and explain each problem; --probe tests the credentials
  authorize <connector>     Print a social connector's authorization URI (Alipay: URI or signed auth string)
  user-info <connector>     Run a social sign-in with an authorization code
  doctor                    Check a Logto instance's connector packages the way Logto will load them

<connector> is a package name (twilio-sms, @switchboard/connector-twilio-sms) or a package folder.
Run 'switchboard <command> --help' for a command's options.

Exit codes: 0 success, 1 the provider or connector answered with an error (doctor: a package has a
problem), 2 usage error, 3 invalid config.`,
  demo: `Usage: switchboard demo [--json]

Loads each built connector the way Logto does, points it at a fake provider on 127.0.0.1 that checks
requests like the real API, runs its scenarios and prints what each provider received (secrets masked).`,
  send: `Usage: switchboard send <connector> --config <file.json> --to <phone|email> [options]

  --config <file>   the connector config, as pasted in the Logto Console (required)
  --to <recipient>  phone number with country code (14155550123 or +14155550123) or email (required)
  --type <type>     usage type: SignIn, Register, ForgotPassword, Generic (default), ...
  --locale <tag>    language of the message, e.g. zh-CN
  --code <code>     the verification code to send (default: random 6 digits)
  --dry-run         print the exact request(s), secrets masked, and send nothing
  --json            print JSON`,
  check: `Usage: switchboard check <connector> --config <file.json> [--probe] [--json]

  --probe     also make one free, read-only provider call to confirm credentials and region
  --dry-run   with --probe: print that call, secrets masked, and send nothing`,
  authorize: `Usage: switchboard authorize <connector> --config <file.json> [--state <s>] [--redirect-uri <url>] [--dry-run] [--json]

--dry-run prints any request the connector would make (Alipay signs locally and makes none).`,
  'user-info': `Usage: switchboard user-info <connector> --config <file.json> --auth-code <code> [--dry-run] [--json]`,
  doctor: `Usage: switchboard doctor [--logto <instance dir>] [--json]

  --logto <dir>  the Logto instance (default: the current folder if it is one, else /etc/logto,
                 where the official Docker image keeps it)

Without starting Logto, checks every package in <instance>/packages/core/connectors as Logto's loader
will: the connector- name prefix, @logto/connector-kit in dependencies and its range against this
instance's kit, lib/index.js imported (in a child process) with only what this instance provides,
the factory built with only getConfig, the metadata against this instance's connectorMetadataGuard,
the logo and readme files, and metadata ids used twice. Prints one line per package.

Exit codes: 0 every package loads, 1 a package would be ignored or skipped, would stop Logto or
breaks the Console, 2 usage error (e.g. the folder is not a Logto instance).`,
} as const;

const options = {
  config: { type: 'string' },
  to: { type: 'string' },
  type: { type: 'string' },
  locale: { type: 'string' },
  code: { type: 'string' },
  state: { type: 'string' },
  'redirect-uri': { type: 'string' },
  'auth-code': { type: 'string' },
  logto: { type: 'string' },
  'dry-run': { type: 'boolean' },
  probe: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const commands = {
  send,
  check,
  authorize,
  'user-info': userInfo,
} as const;

export const main = async (argv: string[]): Promise<number> => {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(help.main);
    return exitCodes.ok;
  }
  if (command !== 'demo' && command !== 'doctor' && !(command in commands)) {
    console.error(`Unknown command: ${command}\n\n${help.main}`);
    return exitCodes.usage;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options,
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(help[command as keyof typeof help]);
      return exitCodes.ok;
    }
    if (command === 'demo') return await demo(values);
    if (command === 'doctor') {
      if (positionals.length > 0) {
        throw new UsageError(
          'doctor takes no connector: pass the Logto instance with --logto <dir>',
        );
      }
      return await doctor(values);
    }
    const [spec] = positionals;
    if (!spec) throw new UsageError('name the connector, e.g. twilio-sms');
    return await commands[command as keyof typeof commands](
      await resolveConnector(spec),
      values as Flags,
    );
  } catch (error: unknown) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`${error.message}\n\n${help[command as keyof typeof help]}`);
      return exitCodes.usage;
    }
    if (error instanceof Error && /not found|not built/.test(error.message)) {
      console.error(error.message);
      return exitCodes.usage;
    }
    throw error;
  }
};
