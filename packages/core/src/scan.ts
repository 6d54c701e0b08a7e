// Readers of provider text (Aliyun's XML, Alipay's PEM certificates) walk it with a cursor that only
// moves forward, so their work is linear in the text's length. The work is the number of characters
// the cursor examines; a test or the bench counts it with `measureReading` (core's testing module)
// and compares a hostile text with an ordinary one of the same size, with no clock involved.

type Meter = { steps: number };

let meter: Meter | undefined;

/** Adds `steps` characters examined to the running measurement, if one is running. */
export const countSteps = (steps: number) => {
  if (meter) meter.steps += steps;
};

/** Runs `read` and answers the characters every reader examined meanwhile (tests, bench). */
export const measureSteps = async <T>(
  read: () => T | Promise<T>,
): Promise<{ steps: number; result: PromiseSettledResult<Awaited<T>> }> => {
  const previous = meter;
  const own: Meter = { steps: 0 };
  meter = own;
  try {
    const [result] = await Promise.allSettled([Promise.resolve().then(read)]);
    return { steps: own.steps, result: result as PromiseSettledResult<Awaited<T>> };
  } finally {
    meter = previous;
  }
};

const isSpaceCode = (code: number) => code === 0x20 || code === 0x9 || code === 0xa || code === 0xd;

/** A forward-only position in a text; every method counts the characters it examines. */
export class Cursor {
  at = 0;

  constructor(readonly text: string) {}

  get atEnd() {
    return this.at >= this.text.length;
  }

  /** Whether `literal` stands at the cursor; moves past it when it does. */
  take(literal: string): boolean {
    countSteps(literal.length);
    if (!this.text.startsWith(literal, this.at)) return false;
    this.at += literal.length;
    return true;
  }

  /** Whether `literal` stands at the cursor, without moving. */
  sees(literal: string): boolean {
    countSteps(literal.length);
    return this.text.startsWith(literal, this.at);
  }

  /** Moves past the characters `accept` takes, at most `max`; answers how many it passed. */
  skip(accept: (code: number) => boolean, max = Number.POSITIVE_INFINITY): number {
    const start = this.at;
    while (this.at < this.text.length && this.at - start < max) {
      countSteps(1);
      if (!accept(this.text.charCodeAt(this.at))) break;
      this.at++;
    }
    return this.at - start;
  }

  /** Moves past XML/JSON whitespace (space, tab, CR, LF). */
  skipSpace(): number {
    return this.skip(isSpaceCode);
  }

  /** Index of the next `literal` at or after the cursor (the cursor stays), or -1. */
  find(literal: string): number {
    const found = this.text.indexOf(literal, this.at);
    countSteps((found < 0 ? this.text.length : found + literal.length) - this.at);
    return found;
  }
}
