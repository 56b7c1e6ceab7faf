#!/usr/bin/env -S npx tsx
/** Command-line entry: parses the command, then hands over to lib/cli. */
import { runCli } from "../lib/cli/run";
import { assertSupportedNode } from "../scripts/node-runtime";

assertSupportedNode();

process.exitCode = await runCli(process.argv.slice(2));
