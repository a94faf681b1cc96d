// Tiny `--flag value` / `--switch` parser for the scripts.
import { parseArgs } from 'node:util';

export function cliOptions<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean; default?: string | boolean | string[] }>>(options: T) {
  return parseArgs({ args: process.argv.slice(2), options, allowPositionals: false }).values;
}
