#!/usr/bin/env node
// Thin shim: the command line lives in dist/cli/main.js; only this file exits.
import { run } from '../dist/cli/main.js';
import { processIo } from '../dist/cli/io.js';

process.exitCode = await run(process.argv.slice(2), processIo());
