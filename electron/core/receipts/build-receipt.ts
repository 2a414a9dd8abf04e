// Turns what the runtime reported into a receipt: priced by lane, every text field scrubbed, no key ever kept.
// Lanes (DESIGN.md): only `credits` debits credits; `byok` records the provider-billed estimate in USD;
// `local` costs nothing; `provider-subscription` costs no credits and names its seat.
import type { ParsedReceiptInput, Receipt } from '../../../shared/channels/receipts';
import { nanoToCredits, nanoToNormalizedTokens, nanoToUsd, usdToNano, type TurnPricer } from '../credits/price-turn';
import type { Scrubber } from '../scrub/scrubber';

export interface ReceiptBuilder {
  build(input: ParsedReceiptInput): Receipt;
  /** Builds a batch; repeated text (provider, model, lane reason, seat) is scrubbed once per batch. */
  buildBatch(inputs: readonly ParsedReceiptInput[]): Receipt[];
}

function randomTag(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(36).padStart(2, '0')).join('').slice(0, 8);
}

export function createReceiptBuilder(options: { pricer: TurnPricer; scrubber: Scrubber; now: () => number }): ReceiptBuilder {
  const { pricer, scrubber } = options;
  // Ids are unique per process by tag and counter; cheaper than a UUID each, for batches of thousands.
  const tag = randomTag();
  let counter = 0;
  // Known secrets can change between calls, so memoised scrubbing lives for one batch only.
  let memo: Map<string, string> | null = null;
  const scrub = (text: string): string => {
    if (!memo) return scrubber.scrub(text);
    let clean = memo.get(text);
    if (clean === undefined) {
      clean = scrubber.scrub(text);
      if (memo.size < 10_000) memo.set(text, clean);
    }
    return clean;
  };
  const scrubOrNull = (text: string | undefined) => (text === undefined ? null : scrub(text));

  const build = (input: ParsedReceiptInput): Receipt => {
    const atMs = input.at === undefined ? options.now() : Date.parse(input.at);
    // Already canonical UTC (what the runtime sends) is kept as is; anything else is normalised to it.
    const at = input.at !== undefined && input.at.length === 24 && input.at.endsWith('Z') ? input.at : new Date(atMs).toISOString();
    // Ids NOME makes hold nothing but time, tag and counter; ids the runtime gives are scrubbed like all text.
    const id = input.id === undefined ? `r-${atMs.toString(36)}-${tag}${(counter++).toString(36)}` : scrubber.scrub(input.id);

    let priced: boolean;
    let nano: number | null;
    let pricedAs: string;
    if (input.lane === 'local') {
      // A model on the user's own host costs nothing; its tokens are still recorded.
      priced = true;
      nano = 0;
      pricedAs = 'local: no cost';
    } else if (input.listPriceUsd !== undefined) {
      priced = true;
      nano = usdToNano(input.listPriceUsd);
      pricedAs = 'runtime: list price given with the receipt';
    } else {
      const price = pricer.price(input.provider, input.model, input.tokens, atMs);
      priced = price.priced;
      nano = price.nano;
      pricedAs = price.pricedAs;
    }

    const lane = input.lane;
    return {
      id,
      at,
      lane,
      laneReason: scrub(input.laneReason),
      provider: scrub(input.provider),
      model: scrub(input.model),
      tokens: { input: input.tokens.input, output: input.tokens.output, cacheRead: input.tokens.cacheRead, cacheWrite: input.tokens.cacheWrite },
      normalizedTokens: nano === null ? null : lane === 'local' ? 0 : nanoToNormalizedTokens(nano),
      credits: lane === 'credits' ? (nano === null ? null : nanoToCredits(nano)) : 0,
      providerCostUsd: lane === 'byok' ? (nano === null ? null : nanoToUsd(nano)) : 0,
      listPriceUsd: nano === null ? null : nanoToUsd(nano),
      priced,
      pricedAs: scrub(pricedAs),
      seat: scrubOrNull(input.seat),
      holdId: scrubOrNull(input.holdId),
      turnId: input.turnId === undefined ? null : scrubber.scrub(input.turnId),
      // An id, not a key: receipts:record refuses one the scrubber would change, so this leaves it whole; it
      // still passes the scrubber here, as every text of a receipt does before it reaches disk.
      keyId: scrubOrNull(input.keyId),
    };
  };

  return {
    build,
    buildBatch(inputs) {
      memo = new Map();
      try {
        return inputs.map(build);
      } finally {
        memo = null;
      }
    },
  };
}
