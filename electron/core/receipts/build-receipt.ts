// Turns what the runtime reported into a receipt: priced by lane, every text field scrubbed, no key ever kept.
// Lanes (DESIGN.md): only `credits` debits credits; `byok` records the provider-billed estimate in USD;
// `local` costs nothing; `provider-subscription` costs no credits and names its seat.
import type { ParsedReceiptInput, Receipt } from '../../../shared/channels/receipts';
import { nanoToCredits, nanoToNormalizedTokens, nanoToUsd, usdToNano, type TurnPricer } from '../credits/price-turn';
import type { Scrubber } from '../scrub/scrubber';

export interface ReceiptBuilder {
  build(input: ParsedReceiptInput): Receipt;
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
  const scrub = (text: string) => scrubber.scrub(text);
  const scrubOrNull = (text: string | undefined) => (text === undefined ? null : scrubber.scrub(text));

  return {
    build(input) {
      const atMs = input.at === undefined ? options.now() : Date.parse(input.at);
      const at = new Date(atMs).toISOString();
      const id = input.id ?? `r-${atMs.toString(36)}-${tag}${(counter++).toString(36)}`;

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
        const price = pricer.price(input.provider, input.model, input.tokens, new Date(atMs));
        priced = price.priced;
        nano = price.nano;
        pricedAs = price.pricedAs;
      }

      const lane = input.lane;
      return {
        id: scrub(id),
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
        turnId: scrubOrNull(input.turnId),
      };
    },
  };
}
