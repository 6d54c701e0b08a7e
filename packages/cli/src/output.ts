import { inspect } from 'node:util';

/** Colours only on a terminal, and never when NO_COLOR is set. */
export const useColor = (stream: NodeJS.WriteStream = process.stdout) =>
  stream.isTTY === true && !process.env.NO_COLOR;

export const paint = (color: boolean) => ({
  red: (text: string) => (color ? `\u001B[31m${text}\u001B[0m` : text),
  green: (text: string) => (color ? `\u001B[32m${text}\u001B[0m` : text),
  yellow: (text: string) => (color ? `\u001B[33m${text}\u001B[0m` : text),
  dim: (text: string) => (color ? `\u001B[2m${text}\u001B[0m` : text),
  bold: (text: string) => (color ? `\u001B[1m${text}\u001B[0m` : text),
});

/** A progress line on stderr while waiting on a provider; silent when stderr is not a terminal. */
export const spinner = (text: string) => {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let index = 0;
  const timer = setInterval(() => {
    process.stderr.write(`\r${frames[index++ % frames.length]} ${text}`);
  }, 80);
  return {
    stop: () => {
      clearInterval(timer);
      process.stderr.write('\r\u001B[K');
    },
  };
};

export const printJson = (value: unknown) => {
  console.log(JSON.stringify(value, null, 2));
};

export const describeValue = (value: unknown) =>
  typeof value === 'string' ? value : inspect(value, { depth: 6, colors: false, breakLength: 100 });

/** Exit codes scripts can rely on. */
export const exitCodes = {
  ok: 0,
  /** The provider or the connector answered with an error. */
  failed: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** The config is invalid. */
  invalidConfig: 3,
} as const;
