/**
 * The broadcast ledger: what makes a campaign durable and shareable. Each recipient of a campaign is claimed
 * atomically before its send and marked with its outcome after, so several processes running the same
 * `campaignId` split the list without sending anyone twice, and a run after a crash sends only those never
 * attempted. {@link createMemoryBroadcastLedger} holds it in one process; `createRedisBroadcastLedger` shares it.
 *
 * A recipient's entry is one short string (the same in both stores): `n` never attempted, `f|<run>|<clientRef>`
 * in flight, `s|<messageId>|<clientRef>` sent, `x|<code>` failed for good, `r|<code>` failed but worth retrying,
 * `k|<reason>` skipped, `u|<clientRef>` outcome unknown (a run stopped mid-send; reconcile by clientRef).
 * @module
 */

/**
 * What a run learns when it claims a recipient.
 * @inline
 */
export type LedgerClaim =
  /** Send it: this run holds the recipient now. */
  | { status: 'claimed' }
  /** Sent already, by this campaign's earlier or concurrent run. */
  | { status: 'sent'; messageId?: string | undefined; clientRef?: string | undefined }
  /** Failed for good in an earlier run (not retried). */
  | { status: 'failed'; code?: string | undefined }
  /** Another run that is still alive is sending it now. */
  | { status: 'in-flight' }
  /**
   * A run stopped (crashed, or was interrupted) while sending it: the platform may or may not have it.
   * Reconcile with status webhooks by `clientRef`, or run again with `retryUnknown: true`.
   */
  | { status: 'unknown'; clientRef?: string | undefined };

/**
 * The outcome a run records for a recipient.
 * @inline
 */
export type LedgerOutcome =
  | { status: 'sent'; messageId: string; clientRef: string }
  /** `retryable`: a later run tries again (nothing was sent, e.g. a refused connection or 429). */
  | { status: 'failed'; code: string; retryable: boolean }
  | { status: 'unknown'; clientRef: string }
  | { status: 'skipped'; reason: string }
  /** Claimed but never sent (the run stopped first): back to never attempted. */
  | { status: 'unsent' };

/**
 * Where a campaign stands, across all its runs. `total = sent + failed + skipped + unknown + unsent`.
 * @inline
 */
export interface BroadcastLedgerReport {
  campaignId: string;
  /** Recipients the campaign's runs have seen. */
  total: number;
  sent: number;
  /** Failed (for good, or retryable until a later run retries them). */
  failed: number;
  skipped: number;
  /** Outcome unknown: interrupted mid-send, or in flight right now (`inFlight` of them). */
  unknown: number;
  /** Of `unknown`, those a run holds right now (alive or crashed, not yet looked at by a later run). */
  inFlight: number;
  /** Seen but never attempted. */
  unsent: number;
}

/** Storage of campaigns; see the module. Every method is one atomic step. */
export interface BroadcastLedger {
  /**
   * Claims `recipient` for run `runId` unless it was sent, failed for good, is in flight in a live run, or (without
   * `retryUnknown`) has an unknown outcome. An entry in flight for a run that is no longer alive becomes unknown.
   */
  claim(
    campaignId: string,
    recipient: string,
    request: { runId: string; clientRef: string; retryUnknown?: boolean | undefined },
  ): Promise<LedgerClaim>;
  /** Records the outcome of a claimed recipient (a `skipped` never overwrites a sent, failed or in-flight one). */
  record(campaignId: string, recipient: string, outcome: LedgerOutcome): Promise<void>;
  /** Records recipients seen but never attempted (those not in the ledger yet). */
  registerUnsent(campaignId: string, recipients: readonly string[]): Promise<void>;
  /** Marks run `runId` alive for `leaseMs` more; a run not renewed in time counts as crashed. */
  heartbeat(campaignId: string, runId: string, leaseMs: number): Promise<void>;
  /** Marks run `runId` finished (its claims are all settled). */
  endRun(campaignId: string, runId: string): Promise<void>;
  /** Where the campaign stands, across all its runs. */
  report(campaignId: string): Promise<BroadcastLedgerReport>;
}

/** The entry string of an outcome, and whether it may overwrite an existing entry (`soft`: only n, k, r). */
export function encodeOutcome(outcome: LedgerOutcome): { value: string; mode: 'any' | 'soft' } {
  switch (outcome.status) {
    case 'sent':
      return { value: `s|${outcome.messageId}|${outcome.clientRef}`, mode: 'any' };
    case 'failed':
      return { value: `${outcome.retryable ? 'r' : 'x'}|${outcome.code}`, mode: 'any' };
    case 'unknown':
      return { value: `u|${outcome.clientRef}`, mode: 'any' };
    case 'skipped':
      return { value: `k|${outcome.reason}`, mode: 'soft' };
    default:
      return { value: 'n', mode: 'any' };
  }
}

/** The claim answer for an existing entry that was not claimed (`s`, `x`, `f`, `u`). */
export function decodeClaim(entry: string): LedgerClaim {
  const [kind, a, b] = entry.split('|');
  if (kind === 's') return { status: 'sent', messageId: a, clientRef: b };
  if (kind === 'x') return { status: 'failed', code: a };
  if (kind === 'f') return { status: 'in-flight' };
  return { status: 'unknown', clientRef: a };
}

/** Builds a report from the number of entries of each kind. */
export function reportFromCounts(campaignId: string, counts: Record<string, number>): BroadcastLedgerReport {
  const n = (k: string) => Math.max(0, counts[k] ?? 0);
  const report = {
    campaignId,
    sent: n('s'),
    failed: n('x') + n('r'),
    skipped: n('k'),
    unknown: n('u') + n('f'),
    inFlight: n('f'),
    unsent: n('n'),
  };
  return { ...report, total: report.sent + report.failed + report.skipped + report.unknown + report.unsent };
}

/** Kinds a new claim may take over: never attempted, retryable failure, skipped. */
const CLAIMABLE = new Set(['n', 'r', 'k']);

/**
 * An in-process {@link BroadcastLedger}: right for one process that may be stopped and started again (a run
 * after an interrupted one skips whoever was sent). Use `createRedisBroadcastLedger` for several processes or to
 * survive a crash.
 *
 * @example
 * ```ts
 * const ledger = createMemoryBroadcastLedger();
 * await broadcast(client, recipients, build, { consent, ledger, campaignId: 'spring-2026' });
 * await ledger.report('spring-2026'); // { total, sent, failed, skipped, unknown, inFlight, unsent }
 * ```
 */
export function createMemoryBroadcastLedger(options: { clock?: () => number } = {}): BroadcastLedger {
  const now = options.clock ?? Date.now;
  const campaigns = new Map<string, { entries: Map<string, string>; runs: Map<string, number> }>();
  const campaign = (id: string) => {
    let c = campaigns.get(id);
    if (!c) {
      c = { entries: new Map(), runs: new Map() };
      campaigns.set(id, c);
    }
    return c;
  };
  return {
    async claim(campaignId, recipient, { runId, clientRef, retryUnknown }) {
      const c = campaign(campaignId);
      const current = c.entries.get(recipient);
      const kind = current?.[0];
      const take = (): LedgerClaim => {
        c.entries.set(recipient, `f|${runId}|${clientRef}`);
        return { status: 'claimed' };
      };
      if (current === undefined || CLAIMABLE.has(kind as string)) return take();
      if (kind === 'f') {
        const [, owner, ref] = current.split('|');
        if (owner !== runId && (c.runs.get(owner as string) ?? 0) > now()) return { status: 'in-flight' };
        if (retryUnknown) return take();
        c.entries.set(recipient, `u|${ref}`);
        return { status: 'unknown', clientRef: ref };
      }
      if (kind === 'u' && retryUnknown) return take();
      return decodeClaim(current);
    },
    async record(campaignId, recipient, outcome) {
      const c = campaign(campaignId);
      const { value, mode } = encodeOutcome(outcome);
      const kind = c.entries.get(recipient)?.[0];
      if (mode === 'soft' && kind !== undefined && !CLAIMABLE.has(kind)) return;
      c.entries.set(recipient, value);
    },
    async registerUnsent(campaignId, recipients) {
      const c = campaign(campaignId);
      for (const r of recipients) if (!c.entries.has(r)) c.entries.set(r, 'n');
    },
    async heartbeat(campaignId, runId, leaseMs) {
      campaign(campaignId).runs.set(runId, now() + leaseMs);
    },
    async endRun(campaignId, runId) {
      campaign(campaignId).runs.delete(runId);
    },
    async report(campaignId) {
      const counts: Record<string, number> = {};
      // Stryker disable next-line ArrayDeclaration: an entry of no known kind is counted nowhere
      for (const entry of campaigns.get(campaignId)?.entries.values() ?? []) {
        const kind = entry[0] as string;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      return reportFromCounts(campaignId, counts);
    },
  };
}
