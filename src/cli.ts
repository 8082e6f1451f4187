#!/usr/bin/env node
import { runCli } from './cli/main';
import { processIo } from './cli/process-io';

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
