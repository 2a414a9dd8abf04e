// Scrubber throughput, single thread, with 50 registered secrets: 100 MB of realistic clean log text and
// secret-dense text, through `scrub()` on 1 MiB pieces and through the streaming path `nome-settings scrub` uses.
// Run: npx tsx bench/scrub.ts [cleanMB=100] [denseMB=20]
import { cpus } from 'node:os';
import { createScrubber } from '../electron/core/scrub/scrubber';
import { createStreamScrubber } from '../electron/core/scrub/stream-scrubber';
import { createLogWriter, generate } from './scrub-corpus';

const cleanMb = Number(process.argv[2] ?? 100);
const denseMb = Number(process.argv[3] ?? 20);
const mb = 1e6;

const writer = createLogWriter(20261203);
const secrets = Array.from({ length: 50 }, () => writer.secret());
const scrubber = createScrubber();
scrubber.setKnownSecrets(secrets);

const clean = generate(cleanMb * mb, writer.clean);
// Dense: every line holds at least one secret; every fourth also a registered one, raw or base64.
let registered = 0;
const dense = generate(denseMb * mb, () => {
  const line = writer.dense();
  registered += 1;
  if (registered % 4 !== 0) return line;
  const secret = secrets[registered % secrets.length]!;
  return `${line} vault=${registered % 8 === 0 ? Buffer.from(secret).toString('base64') : secret}`;
});

/** Wall time, and this thread's CPU time: on a shared machine the second is the cost of the code itself. */
function measure(name: string, text: string, run: (text: string) => number): void {
  run(text.slice(0, 2 * mb)); // warm up the regex tiers
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const redactions = run(text);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const size = text.length / mb;
  console.log(
    `${name.padEnd(30)} ${size.toFixed(0).padStart(4)} MB  wall ${(size / seconds).toFixed(1).padStart(6)} MB/s  cpu ${(size / cpuSeconds).toFixed(1).padStart(6)} MB/s  ${redactions} redactions`,
  );
}

const piece = 1 << 20;
function viaScrub(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at += piece) count += scrubber.redactions(text.slice(at, at + piece)).length;
  return count;
}
function viaStream(text: string): number {
  const stream = createStreamScrubber(scrubber);
  let count = 0;
  const read = 64 * 1024;
  for (let at = 0; at < text.length; at += read) count += countMarks(stream.push(text.slice(at, at + read)));
  return count + countMarks(stream.end());
}
const countMarks = (text: string) => text.split('[redacted:').length - 1;

console.log(`scrubber bench: ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, Node ${process.version}, 50 registered secrets`);
measure('clean, scrub() per 1 MiB', clean, viaScrub);
measure('clean, stream (64 KiB reads)', clean, viaStream);
measure('dense, scrub() per 1 MiB', dense, viaScrub);
measure('dense, stream (64 KiB reads)', dense, viaStream);
const lines = clean.slice(0, 20 * mb).split('\n');
measure('clean, scrub() per log line', clean.slice(0, 20 * mb), () => {
  let count = 0;
  for (const line of lines) count += scrubber.redactions(line).length;
  return count;
});

// Optional comparison: secretlint's recommended preset on the same 10 MB samples (SECRETLINT_MB to change). It is not a dependency of
// this project (it wants Node 22); point SECRETLINT_DIR at a folder where it is installed, e.g.
//   mkdir /tmp/sl && cd /tmp/sl && npm init -y && npm i --save-exact @secretlint/core@13.1.0 @secretlint/secretlint-rule-preset-recommend@13.1.0
const secretlintDir = process.env.SECRETLINT_DIR;
if (secretlintDir) {
  const { createRequire } = await import('node:module');
  const { pathToFileURL } = await import('node:url');
  const require = createRequire(`${secretlintDir}/package.json`);
  const load = async (name: string) => import(pathToFileURL(require.resolve(name)).href);
  const { lintSource } = await load('@secretlint/core');
  const { creator } = await load('@secretlint/secretlint-rule-preset-recommend');
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  const sampleMb = Number(process.env.SECRETLINT_MB ?? 10); // dense text is slow for secretlint: try 1
  for (const [name, sample] of [['clean', clean.slice(0, sampleMb * mb)], ['dense', dense.slice(0, sampleMb * mb)]] as const) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await lintSource({ source: { content: sample, filePath: '/bench.log', contentType: 'text' }, options: { config, noPhysicFilePath: true } });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const size = sample.length / mb;
    console.log(
      `${`secretlint recommended, ${name}`.padEnd(30)} ${size.toFixed(0).padStart(4)} MB  wall ${(size / seconds).toFixed(2).padStart(6)} MB/s  cpu ${(size / ((cpu.user + cpu.system) / 1e6)).toFixed(2).padStart(6)} MB/s  ${result.messages.length} findings in ${seconds.toFixed(1)} s`,
    );
    measure(`ours on the same ${name} sample`, sample, viaScrub);
  }
}
