#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so the CLI works right after `npm install`.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(path.join(here, '..', 'src-main', 'cli', 'main.ts'));
process.exitCode = await main(process.argv.slice(2));
