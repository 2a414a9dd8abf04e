// Reads every CLI's sign-in, one reader per CLI; a reader that fails still yields a clear per-source status.
import { seatSources, type Seat, type SeatSource } from '../../../shared/channels/seats';
import { readClaudeCode } from './claude-code';
import { readCodex } from './codex';
import { readGeminiCli } from './gemini-cli';
import { readGithubCopilot } from './github-copilot';
import { readGrokCli } from './grok-cli';
import { readQwenCode } from './qwen-code';
import { buildSeat, type SeatReadContext, type SeatReader } from './seat-reader';

export const seatReaders: Readonly<Record<SeatSource, SeatReader>> = {
  'claude-code': readClaudeCode,
  codex: readCodex,
  'gemini-cli': readGeminiCli,
  'github-copilot': readGithubCopilot,
  'qwen-code': readQwenCode,
  'grok-cli': readGrokCli,
};

const seatProviders = { 'claude-code': 'anthropic', codex: 'openai', 'gemini-cli': 'gemini', 'github-copilot': null, 'qwen-code': null, 'grok-cli': 'xai' } as const;

export async function scanSeats(context: SeatReadContext): Promise<Seat[]> {
  return Promise.all(
    seatSources.map(async (source) => {
      try {
        return await seatReaders[source](context);
      } catch {
        // The error text may quote file content, so it is replaced by a plain line.
        return buildSeat(source, seatProviders[source], context, { status: 'unreadable', files: [], detail: 'Its files could not be read' });
      }
    }),
  );
}
