/** Minimal flag parsing on node:util's parseArgs; unknown flags are errors, not ignored. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags as parsed, typed by their declaration: a string flag's value is a string, a boolean's a boolean. */
export function parse<const O extends Options>(argv: string[], options: O) {
  const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  return { values: r.values, positionals: r.positionals };
}

export class UsageError extends Error {}
