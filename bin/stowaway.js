#!/usr/bin/env node
// Thin shim: the command line lives in dist/cli/main.js; only this file exits.
import { run } from '../dist/cli/main.js';
import { processIo } from '../dist/cli/io.js';

// A reader that stops early (`| head`) closes the pipe: that ends the run, quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), processIo());
