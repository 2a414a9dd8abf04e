#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/headless/cli.ts');
const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
