// Runs provider emulators in their own process, so a benchmark's client does not share its event loop
// with the servers it measures. Protocol on stdin/stdout, one JSON object per line:
//   in:  {"latencyMs":100,"rows":[ProviderRow...],"keys":50}  ->  out: {"targets":[CheckTarget...]}
//   in:  {"setLatencyMs":0}                                    ->  out: {"ok":true}
// Keys are spread round-robin over the rows, one emulator (one origin) per row.
import { createInterface } from 'node:readline';
import { startProviderEmulator, type ProviderEmulator } from './provider-emulator';
import type { ProviderRow } from './provider-rows';
import { mountRow } from './row-target';

const emulators: ProviderEmulator[] = [];
const lines = createInterface({ input: process.stdin });
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

for await (const line of lines) {
  const message = JSON.parse(line) as { latencyMs?: number; rows?: ProviderRow[]; keys?: number; setLatencyMs?: number };
  if (message.rows) {
    for (const _row of message.rows) emulators.push(await startProviderEmulator({ latencyMs: message.latencyMs ?? 0 }));
    const targets = Array.from({ length: message.keys ?? message.rows.length }, (_, i) => mountRow(emulators[i % emulators.length]!, message.rows![i % message.rows!.length]!, `key-${i}`).target);
    reply({ targets });
  } else if (message.setLatencyMs !== undefined) {
    for (const emulator of emulators) emulator.setLatency(message.setLatencyMs);
    reply({ ok: true });
  }
}
for (const emulator of emulators) await emulator.close();
