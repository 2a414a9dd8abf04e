// `scrub`: copies stdin to stdout with secrets replaced, line by line and with bounded memory, so it can
// sit in a pipe in front of any log (`tail -f app.log | nome-settings scrub`). It first reads, never
// writes, the vault on this host, so a key with no recognisable shape (a custom endpoint's, a header
// value) is removed in every encoding too; `--patterns-only` skips the vault.
import { createScrubber } from '../../core/scrub/scrubber';
import { createStreamScrubber } from '../../core/scrub/stream-scrubber';
import { exitCodes, type Command } from '../cli-command';
import { hostCipher, resolveDataDir } from '../host';
import { readVaultSecrets } from '../vault-secrets';
import { createByteExactDecoder, encodeByteExact } from './scrub-bytes';

/** Writes and, when the pipe is full, waits for it to drain, so a slow reader bounds our memory too. */
function writeWithBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> | undefined {
  if (text.length === 0 || stream.write(encodeByteExact(text))) return undefined;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}

export const scrubCommands: Command[] = [
  {
    words: ['scrub'],
    summary: "Copy stdin to stdout with secrets replaced: the vault's own secrets and secret-shaped text (streams; any line length)",
    options: {
      'patterns-only': { type: 'boolean', description: "Do not read the vault: redact secret-shaped text only (no data dir or keyring needed)" },
    },
    async run(context) {
      const scrubber = createScrubber();
      if (context.values['patterns-only'] !== true) {
        const dataDir = resolveDataDir(context.hostOptions.dataDir, context.io.env);
        const vault = await readVaultSecrets({ dataDir, env: context.io.env, cipher: () => hostCipher(context.hostOptions, dataDir) });
        scrubber.setKnownSecrets(vault.secrets);
        // Degraded, not failed: whoever pipes logs through us still wants them, scrubbed as well as we can.
        // One line on stderr says so (exit code stays 0), rather than a silent fall back to patterns.
        if (vault.problem) {
          const off = vault.partial ? 'is off for some keys' : 'is off';
          const warning = `warning: exact matching of the vault's secrets ${off}: ${vault.problem}. ${vault.partial ? 'Those are' : 'Secrets are'} redacted only where they have a secret's shape.`;
          context.io.stderr.write(`nome-settings scrub: ${scrubber.scrub(warning)}\n`);
        }
      }
      const stream = createStreamScrubber(scrubber);
      // A character may be split across reads, and a log may not be valid UTF-8: every byte comes out as it went in.
      const decoder = createByteExactDecoder();
      for await (const chunk of context.io.stdin) {
        const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
        await writeWithBackpressure(context.io.stdout, stream.push(text));
      }
      await writeWithBackpressure(context.io.stdout, stream.push(decoder.end()) + stream.end());
      return exitCodes.ok;
    },
  },
];
