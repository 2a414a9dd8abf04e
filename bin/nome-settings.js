#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli, currentScrubber } = await import('../electron/headless/cli.ts');
const { installCrashWriter } = await import('../electron/core/scrub/crash-writer.ts');
// Crash output is scrubbed like every other output (a stack can quote a key); serve runs in this process too.
installCrashWriter(process, { write: (text) => process.stderr.write(text), exit: (code) => process.exit(code), scrubber: currentScrubber });
const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
