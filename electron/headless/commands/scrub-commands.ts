// `scrub`: copies stdin to stdout with secrets replaced, line by line and with bounded memory, so it can
// sit in a pipe in front of any log (`tail -f app.log | nome-settings scrub`). It never opens the data dir.
import { StringDecoder } from 'node:string_decoder';
import { createScrubber } from '../../core/scrub/scrubber';
import { createStreamScrubber } from '../../core/scrub/stream-scrubber';
import { exitCodes, type Command } from '../cli-command';

/** Writes and, when the pipe is full, waits for it to drain, so a slow reader bounds our memory too. */
function writeWithBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> | undefined {
  if (text.length === 0 || stream.write(text)) return undefined;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}

export const scrubCommands: Command[] = [
  {
    words: ['scrub'],
    summary: 'Copy stdin to stdout with secrets replaced (streams; any line length)',
    async run(context) {
      const stream = createStreamScrubber(createScrubber());
      const decoder = new StringDecoder('utf8'); // a multi-byte character may be split across reads
      for await (const chunk of context.io.stdin) {
        const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
        await writeWithBackpressure(context.io.stdout, stream.push(text));
      }
      await writeWithBackpressure(context.io.stdout, stream.push(decoder.end()) + stream.end());
      return exitCodes.ok;
    },
  },
];
