import { vi } from 'vitest';

/** Collects what a command prints (stdout and stderr), one entry per console call. */
export const captureConsole = (): string[] => {
  const output: string[] = [];
  const collect = (...parts: unknown[]) => {
    output.push(parts.join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(collect);
  vi.spyOn(console, 'error').mockImplementation(collect);
  return output;
};
