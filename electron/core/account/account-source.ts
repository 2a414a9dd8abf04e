// The account source port: where plan, top-ups, holds and the balance live. The local ledger implements it
// now (the default); a NOME account service implements the same contract over HTTP (docs/account-api.md).
import type { CreditSummary, Hold, Plan, TopUp } from '../../../shared/channels/credits';

/** Everything but the provider figures, which always come from this host's own key checks. */
export type AccountSummary = Omit<CreditSummary, 'providerReported'>;

export interface AccountSource {
  readonly kind: 'local' | 'remote';
  summary(): Promise<AccountSummary>;
  setPlan(plan: Plan | null): Promise<void>;
  topUp(input: { credits: number; expiresAt?: string | undefined; note?: string | undefined }): Promise<TopUp>;
  /** Refuses (conflict) when fewer credits are available than asked. */
  hold(input: { credits: number; turnId?: string | undefined; ttlSeconds: number }): Promise<Hold>;
  release(holdId: string): Promise<boolean>;
  /** A receipt naming this hold was recorded: the hold ends, the receipt's debit stands. */
  settle(holdIds: readonly string[]): Promise<void>;
  setLowBalanceThreshold(credits: number): Promise<void>;
}
