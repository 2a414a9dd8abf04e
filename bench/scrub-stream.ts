// `nome-settings scrub` end to end on input with no newline at all (1 GiB by default): the real CLI process,
// fed through a pipe with backpressure, a `ghp_` token planted every 8 MiB (about half across two 64 KiB writes). Checks
// that every planted token is redacted and none leaks, and reports the child's peak resident memory, sampled
// from /proc (Linux), so bounded memory is a measured fact rather than a claim.
// Run: npx tsx bench/scrub-stream.ts [MiB=1024]      Exit code 1 when a token leaks or goes missing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogWriter } from './scrub-corpus';

const mib = Number(process.argv[2] ?? 1024);
const total = mib * 2 ** 20;
const write = 64 * 1024;
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const writer = createLogWriter(20261204);
const filler = 'abcdefghij '.repeat(Math.ceil(write / 11)).slice(0, write);

const cli = fileURLToPath(new URL('../bin/nome-settings.js', import.meta.url));
const child = spawn(process.execPath, [cli, 'scrub', '--patterns-only'], { stdio: ['pipe', 'pipe', 'inherit'] });

let peakKb = 0;
let cpuSeconds = 0;
const sampleMemory = () => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux)
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    // the child has exited, or this is not Linux
  }
};
const sampler = setInterval(sampleMemory, 250);

let outBytes = 0;
let redacted = 0;
let leaked = 0;
let tail = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  outBytes += chunk.length;
  const text = tail + chunk;
  redacted += text.split('ghp_…[redacted:github]').length - 1;
  leaked += (text.match(/ghp_[A-Za-z0-9]{36}/g) ?? []).length;
  // Keep less than one marker or token, so nothing is counted twice and nothing split is missed.
  tail = text.slice(-(Math.min(text.length, 39)));
  tail = tail.includes('[redacted:github]') ? '' : tail;
});

const started = performance.now();
let planted = 0;
const plantGap = 8 * 2 ** 20; // a multiple of the write size
/** Where the next token starts: 20 characters before a write boundary to 20 after, so about half straddle two writes. */
const plantAt = () => (planted + 1) * plantGap - 20 + (planted % 41);
async function feed(): Promise<void> {
  let pending = '';
  let next = plantAt();
  for (let sent = 0; sent < total; ) {
    while (pending.length < write) {
      const produced = sent + pending.length;
      if (produced >= next) {
        pending += ` ghp_${writer.chars(alnum, 36)} `;
        planted += 1;
        next = plantAt();
      } else {
        pending += filler.slice(0, Math.min(filler.length, next - produced));
      }
    }
    const chunk = pending.slice(0, write);
    pending = pending.slice(write);
    if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    sent += chunk.length;
  }
  child.stdin.end(pending); // the rest of a token planted at the very end

}

await feed();
const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
console.log(
  `nome-settings scrub, ${mib} MiB with no newline: ${planted} planted, ${redacted} redacted, ${leaked} leaked; ` +
    `${(outBytes / 2 ** 20).toFixed(0)} MiB out in ${seconds.toFixed(1)} s (${(mib / seconds).toFixed(1)} MiB/s end to end, ${(mib / cpuSeconds).toFixed(1)} MiB/s on the child's CPU time); ` +
    `peak resident memory ${(peakKb / 1024).toFixed(0)} MB; exit ${code}; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
);
process.exitCode = code === 0 && leaked === 0 && redacted === planted ? 0 : 1;
