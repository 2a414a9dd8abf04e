// The router every transport shares: parse input, call the handler, check the output, map failures to
// a typed `{ code, message }` whose message has been scrubbed. Handlers never see unparsed input.
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../shared/contract';
import { isNomeError, type WireError, type WireResult } from '../../shared/errors';
import { scrubDeep, type Scrubber } from './scrub/scrubber';

export type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export interface RouterOptions {
  readonly handlers: Handlers;
  readonly scrubber: Scrubber;
  /** Validate every output against its schema (tests and dev). Output is always stripped of unknown fields. */
  readonly checkOutput: boolean;
  /** Receives failures that are not the caller's fault, already scrubbed. */
  readonly onInternalError?: (channel: string, message: string) => void;
}

export interface Router {
  invoke(channel: string, input: unknown): Promise<WireResult>;
}

/** One line per zod issue, naming the path; zod messages do not echo input values, and we scrub anyway. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createRouter(options: RouterOptions): Router {
  const { handlers, scrubber } = options;
  const fail = (code: WireError['code'], message: string, detail?: unknown): WireResult => ({
    ok: false,
    error: detail === undefined ? { code, message: scrubber.scrub(message) } : { code, message: scrubber.scrub(message), detail: scrubDeep(scrubber, detail) },
  });

  return {
    async invoke(channel, rawInput) {
      if (!isChannelName(channel)) return fail('unknown_channel', `No channel named "${channel.slice(0, 80)}"`);
      const spec = channels[channel];
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) return fail('bad_input', describeIssues(parsed.error));

      let output: unknown;
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        output = await handler(parsed.data);
      } catch (error) {
        if (isNomeError(error)) return fail(error.code, error.message, error.detail);
        const message = error instanceof Error ? error.message : String(error);
        options.onInternalError?.(channel, scrubber.scrub(message));
        return fail('internal', `${channel} failed: ${message}`);
      }

      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        const message = `${channel} returned output that breaks its contract: ${describeIssues(checked.error)}`;
        options.onInternalError?.(channel, scrubber.scrub(message));
        if (options.checkOutput) return fail('internal', message);
        return { ok: true, value: output };
      }
      return { ok: true, value: checked.data };
    },
  };
}
