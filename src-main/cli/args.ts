/** Minimal flag parsing on node:util's parseArgs; unknown flags are errors, not ignored. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Every option here is a string flag; booleans are spelled out where needed. */
export function parse(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: Record<string, string | undefined>; positionals: string[] } {
  const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  return { values: r.values as Record<string, string | undefined>, positionals: r.positionals };
}

export class UsageError extends Error {}
