/**
 * Bulk sending for campaigns: many recipients through one client with bounded concurrency and rate, only to
 * opted-in users, holding out a control group, never twice to one user in a run, deferring (or skipping) when
 * the messaging-tier quota refuses, and stopping cleanly on abort.
 * @module
 */
import type { SendOptions, WhatsAppClient } from '../core/client.js';
import {
  isAbortError,
  isApiError,
  isQuotaExceededError,
  isWhatsAppError,
  ValidationError,
} from '../core/errors.js';
import type { WhatsAppEventMap } from '../core/events.js';
import { EMIT_EVENT, type EmitEvent } from '../core/gates.js';
import { normalizeRecipient } from '../core/identity.js';
import type { OutboundMessage } from '../core/message.js';
import { sleep as defaultSleep } from '../core/sleep.js';
import {
  createTokenBucket,
  DEFAULT_MESSAGES_PER_SECOND,
  type RecipientPacer,
  type TokenBucket,
} from '../quota/rate-limit.js';
import { type Clock, systemClock } from '../quota/time.js';
import { type ConsentCheck, hasConsent } from './consent.js';
import { type ControlGroup, inControlGroup, resolveControlGroup } from './control-group.js';
import type { BroadcastLedger } from './ledger.js';
import type { CampaignStats } from './stats.js';

/** A recipient: a phone number, or an object carrying one in `to` or `phone` (or read by `phoneOf`). */
export type BroadcastRecipient = string | { to: string } | { phone: string };

/**
 * What to do when the quota tracker refuses a recipient.
 * @inline
 */
export type QuotaPolicy = 'defer' | 'skip';

/** Options of {@link broadcast}. */
export interface BroadcastOptions<R> {
  /**
   * Who has opted in: a predicate `(phone, recipient) => boolean` or a store with `isOptedIn(phone)`. Required:
   * users are opted out unless this says otherwise. Pass `() => true` only when consent is checked upstream.
   */
  consent: ConsentCheck<R>;
  /** Sends in flight at once. Default 8. */
  concurrency?: number | undefined;
  /** Sends started per second, at most. Default 80 (a number's default throughput). Ignored with `rateLimiter`. */
  ratePerSecond?: number | undefined;
  /**
   * The throughput limit to take a token from before each send, instead of a bucket of `ratePerSecond` for this
   * run alone: `createRedisRateLimiter` shares one limit between every process sending from the number.
   */
  rateLimiter?: TokenBucket | undefined;
  /** Per-recipient pacing (Meta's pair rate) before each send: `createRecipientPacer` or `createRedisRecipientPacer`. */
  recipientPacer?: RecipientPacer | undefined;
  /**
   * Makes the campaign durable and shareable (with `campaignId`): each recipient is claimed in the ledger before
   * its send and marked with its outcome after. Runs of the same campaign at once split the list; a later run
   * skips whoever was sent or failed for good, sends those never attempted, and reports those an interrupted run
   * left in flight as `unknown` (unless `retryUnknown`). See `ledger.report(campaignId)` for all runs together.
   */
  ledger?: BroadcastLedger | undefined;
  /** The campaign's id in the ledger: the same for every run and every process of one campaign. */
  campaignId?: string | undefined;
  /** Send again to recipients whose outcome is unknown (an interrupted run's in-flight sends). Default `false`. */
  retryUnknown?: boolean | undefined;
  /**
   * With a ledger: how long this run's claims count as alive without a heartbeat (it renews every third of it). A
   * run that crashed is recognised this long after its last heartbeat. Default 15 000 ms.
   */
  runLeaseMs?: number | undefined;
  /** Hold out this fraction (0 to 1) of recipients by a stable hash, or `{ fraction, salt }`. */
  controlGroup?: number | ControlGroup | undefined;
  /**
   * Stops the run: no new sends; sends in flight get `graceMs` to finish (then they are cancelled and reported
   * `unknown` with their clientRef); recipients never attempted are `unsent`. The report says `aborted: true`.
   */
  signal?: AbortSignal | undefined;
  /** After `signal` aborts, how long in-flight sends may still take. Default 10 000 ms; 0 cancels them at once. */
  graceMs?: number | undefined;
  /** Cancels in-flight sends at once, grace or not (a second Ctrl-C). */
  forceSignal?: AbortSignal | undefined;
  /**
   * When the quota refuses (`QuotaExceededError`): `'defer'` (default) waits until `retryAt` and tries again;
   * `'skip'` counts the recipient under `skipped.quota` and moves on.
   */
  onQuotaExceeded?: QuotaPolicy | undefined;
  /** With `'defer'`: skip instead when `retryAt` is further away than this. Default: no limit. */
  maxDeferMs?: number | undefined;
  /** Reads the phone number from a recipient object. Default: the string itself, or `.to`, or `.phone`. */
  phoneOf?: ((recipient: R) => string) | undefined;
  /** Campaign statistics to record sends, errors and the control group into. */
  stats?: CampaignStats | undefined;
  /** Called with each progress update (also emitted as the client's `broadcast.progress` event). */
  onProgress?: ((progress: BroadcastProgress) => void) | undefined;
  /** Emit progress every this many processed recipients (and at the end). Default 100. */
  progressEvery?: number | undefined;
  /** Per-send options (timeout, retries); `signal` comes from the broadcast's. */
  sendOptions?: Omit<SendOptions, 'signal'> | undefined;
  /** Clock for rate limiting and deferral. Default `Date.now`. */
  clock?: Clock | undefined;
  /** How to wait. Default `setTimeout`-based; must reject with `AbortError` when the signal aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * A progress update.
 * @inline
 */
export type BroadcastProgress = Omit<WhatsAppEventMap['broadcast.progress'], 'provider' | 'timestamp'>;

/**
 * One failed recipient.
 * @inline
 */
export interface BroadcastError {
  /** The recipient's number (`+E.164` when valid, as given otherwise). */
  recipient: string;
  /** What was thrown: a `WhatsAppError` for every failure the library detects. */
  error: unknown;
}

/**
 * A send whose outcome is unknown: reconcile it with status webhooks by `clientRef`.
 * @inline
 */
export interface BroadcastUnknownSend {
  /** The recipient's number (`+E.164`). */
  recipient: string;
  /** The clientRef the send carried (Vonage `client_ref`, Meta `biz_opaque_callback_data`). */
  clientRef: string | undefined;
}

/** The outcome of {@link broadcast}. `total = sent + failed + all skipped + unknown + unsent`. */
export interface BroadcastReport {
  /** Recipients given: the array's length, or the number read from an iterable. */
  total: number;
  /** Accepted by the provider. */
  sent: number;
  /** Refused by validation, the provider or the network (see `errors`). */
  failed: number;
  /**
   * Not sent on purpose. `campaign`: with a ledger, sent or failed for good by an earlier run of the campaign, or
   * in flight in another run now.
   */
  skipped: { consent: number; controlGroup: number; quota: number; duplicate: number; campaign: number };
  /** One entry per failure. */
  errors: BroadcastError[];
  /** The run was stopped by its signal. */
  aborted: boolean;
  /** Recipients never attempted because the run was stopped: re-sending to them messages nobody twice. */
  unsent: number;
  /** Their numbers (as given when not valid); for an iterable only those read before the stop. */
  unsentRecipients: string[];
  /**
   * Sends that may or may not have reached the platform: cancelled in flight (the grace period ended), or left
   * in flight by an earlier interrupted run of the campaign (with a ledger).
   */
  unknown: number;
  /** One entry per unknown send. */
  unknownSends: BroadcastUnknownSend[];
}

/**
 * A report with nothing counted yet: `broadcast()` starts from it, and so does the CLI's dry run.
 * @internal
 */
export function emptyBroadcastReport(total: number): BroadcastReport {
  return {
    total,
    sent: 0,
    failed: 0,
    skipped: { consent: 0, controlGroup: 0, quota: 0, duplicate: 0, campaign: 0 },
    errors: [],
    aborted: false,
    unsent: 0,
    unsentRecipients: [],
    unknown: 0,
    unknownSends: [],
  };
}

function defaultPhoneOf(recipient: unknown): string {
  if (typeof recipient === 'string') return recipient;
  if (typeof recipient === 'object' && recipient !== null) {
    const r = recipient as { to?: unknown; phone?: unknown };
    if (typeof r.to === 'string') return r.to;
    if (typeof r.phone === 'string') return r.phone;
  }
  throw new ValidationError(
    'A recipient must be a phone number or an object with `to` or `phone`; use phoneOf for other shapes.',
    {
      issues: [
        { code: 'broadcast.recipient_invalid', path: ['recipients'], message: 'no phone number found' },
      ],
    },
  );
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ValidationError(`Invalid ${name}: expected a positive integer.`, {
      issues: [{ code: 'broadcast.option_invalid', path: [name], message: 'expected a positive integer' }],
    });
  }
  return value;
}

/**
 * Turns any (async) iterable into a pull function safe to call from many workers at once. `rest()` lists what an
 * array still holds after the last pull (an iterable's rest is unknown: empty).
 */
function puller<R>(recipients: Iterable<R> | AsyncIterable<R>): {
  next: () => Promise<IteratorResult<R>>;
  rest: () => R[];
} {
  const iterator =
    Symbol.asyncIterator in recipients
      ? (recipients as AsyncIterable<R>)[Symbol.asyncIterator]()
      : (recipients as Iterable<R>)[Symbol.iterator]();
  let chain: Promise<unknown> = Promise.resolve();
  let pulled = 0;
  return {
    next: () => {
      const next = chain.then(async () => {
        const item = await iterator.next();
        if (!item.done) pulled++;
        return item;
      });
      chain = next.catch(() => undefined);
      return next;
    },
    rest: () => (Array.isArray(recipients) ? recipients.slice(pulled) : []),
  };
}

/** Default grace for in-flight sends after a stop. */
const DEFAULT_GRACE_MS = 10_000;
/** Default lease of a run's ledger claims. */
const DEFAULT_RUN_LEASE_MS = 15_000;

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new ValidationError(`Invalid ${name}: expected a number of milliseconds, 0 or more.`, {
      issues: [{ code: 'broadcast.option_invalid', path: [name], message: 'expected 0 or more' }],
    });
  }
  return value;
}

/**
 * Sends one message per recipient and resolves with a {@link BroadcastReport}. It never throws for a recipient:
 * failures are counted and listed. It throws only for invalid options, or when reading `recipients` or calling
 * `build` fails (the error of a `build` call is counted as that recipient's failure).
 *
 * Give the client a quota tracker (`quota`) so template sends are counted against the messaging tier; a
 * refusal is then deferred or skipped as `onQuotaExceeded` says.
 *
 * @example
 * ```ts
 * import { broadcast, createCampaignStats } from 'waba-kit/broadcast';
 *
 * const stats = createCampaignStats();
 * const report = await broadcast(
 *   client,
 *   customers, // e.g. [{ to: '+447700900123', name: 'Ada' }, ...] or an async iterable from your database
 *   (c) => ({ type: 'template', to: c.to, name: 'spring_sale', language: 'en', body: [c.name] }),
 *   { consent: (phone) => optedIn.has(phone), concurrency: 8, ratePerSecond: 40, controlGroup: 0.1, stats },
 * );
 * console.log(report.sent, report.skipped, report.errors);
 * ```
 */
export async function broadcast<R = BroadcastRecipient>(
  client: WhatsAppClient,
  recipients: Iterable<R> | AsyncIterable<R>,
  build: (recipient: R) => OutboundMessage | Promise<OutboundMessage>,
  options: BroadcastOptions<R>,
): Promise<BroadcastReport> {
  if (!options || options.consent === undefined || options.consent === null) {
    throw new ValidationError(
      'broadcast needs `consent`: a predicate (phone) => boolean or a store with isOptedIn(phone). Users are opted out unless it says otherwise.',
      { issues: [{ code: 'broadcast.consent_required', path: ['consent'], message: 'consent is required' }] },
    );
  }
  const { ledger, campaignId } = options;
  if (ledger && (typeof campaignId !== 'string' || campaignId === '')) {
    throw new ValidationError(
      'broadcast with a ledger needs campaignId: the same id for every run of a campaign.',
      {
        issues: [
          { code: 'broadcast.campaign_id_required', path: ['campaignId'], message: 'expected a string' },
        ],
      },
    );
  }
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 8);
  const progressEvery = positiveInteger('progressEvery', options.progressEvery ?? 100);
  const graceMs = nonNegative('graceMs', options.graceMs ?? DEFAULT_GRACE_MS);
  const leaseMs = nonNegative('runLeaseMs', options.runLeaseMs ?? DEFAULT_RUN_LEASE_MS);
  const group = resolveControlGroup(options.controlGroup);
  const policy = options.onQuotaExceeded ?? 'defer';
  const maxDeferMs = options.maxDeferMs ?? Number.POSITIVE_INFINITY;
  const clock = options.clock ?? systemClock;
  const wait = options.sleep ?? defaultSleep;
  const bucket =
    options.rateLimiter ??
    createTokenBucket({
      ratePerSecond: options.ratePerSecond ?? DEFAULT_MESSAGES_PER_SECOND,
      clock,
      sleep: wait,
    });
  const pacer = options.recipientPacer;
  const phoneOf = options.phoneOf ?? (defaultPhoneOf as (recipient: R) => string);
  const { signal, stats } = options;
  const emitEvent = (client as unknown as { [EMIT_EVENT]?: EmitEvent })[EMIT_EVENT];
  const knownTotal = Array.isArray(recipients) ? recipients.length : undefined;

  const report = emptyBroadcastReport(0);
  const seen = new Set<string>();
  let processed = 0;
  let lastProgress = -1;

  // `stop` ends waits and keeps new sends from starting (the caller's signal, or a ledger that failed);
  // `cancel` aborts sends in flight (the grace period ended, or forceSignal).
  const stop = new AbortController();
  const cancel = new AbortController();
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let storeFailure: unknown;
  const onStop = () => {
    stop.abort(signal?.reason);
    if (graceMs === 0) cancel.abort();
    else graceTimer ??= setTimeout(() => cancel.abort(), graceMs);
  };
  const onForce = () => cancel.abort();
  if (signal?.aborted) onStop();
  else signal?.addEventListener('abort', onStop, { once: true });
  if (options.forceSignal?.aborted) onForce();
  else options.forceSignal?.addEventListener('abort', onForce, { once: true });
  const failStore = (error: unknown) => {
    storeFailure ??= error;
    stop.abort(error);
  };

  const runId = crypto.randomUUID();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  if (ledger) {
    await ledger.heartbeat(campaignId as string, runId, leaseMs);
    heartbeat = setInterval(
      () => void ledger.heartbeat(campaignId as string, runId, leaseMs).catch(failStore),
      Math.max(1, leaseMs / 3),
    );
  }
  /** Ledger writes; a failure stops the run (fail closed) and is rethrown at the end. */
  const record = async (phone: string, outcome: Parameters<BroadcastLedger['record']>[2]) => {
    if (ledger) await ledger.record(campaignId as string, phone, outcome).catch(failStore);
  };

  const progress = (force: boolean) => {
    if (!force && processed % progressEvery !== 0) return;
    if (processed === lastProgress) return;
    lastProgress = processed;
    const { consent, controlGroup, quota, duplicate, campaign } = report.skipped;
    const update: BroadcastProgress = {
      total: knownTotal,
      processed,
      sent: report.sent,
      failed: report.failed,
      skipped: consent + controlGroup + quota + duplicate + campaign,
    };
    options.onProgress?.(update);
    emitEvent?.call(client, 'broadcast.progress', {
      ...update,
      provider: client.provider,
      timestamp: new Date(),
    });
  };

  const fail = async (recipient: string, error: unknown) => {
    report.failed++;
    report.errors.push({ recipient, error });
    await stats?.recordError(recipient);
  };
  const unsent = (recipient: string) => {
    report.unsent++;
    report.unsentRecipients.push(recipient);
  };
  const unknown = (recipient: string, clientRef: string | undefined) => {
    report.unknown++;
    report.unknownSends.push({ recipient, clientRef });
  };

  /**
   * Sends one message at the allowed rates, deferring (or skipping) on quota refusals. Resolves `'unsent'` when
   * the run stopped before the send started; a send that started and was cancelled rejects with the abort.
   */
  const deliver = async (phone: string, message: OutboundMessage & { clientRef: string }) => {
    for (;;) {
      try {
        await bucket.take(stop.signal);
        if (pacer) await pacer.wait(phone, stop.signal);
      } catch (error) {
        if (stop.signal.aborted && isAbortError(error)) return 'unsent' as const;
        throw error;
      }
      if (stop.signal.aborted) return 'unsent' as const;
      try {
        const result = await client.send(message, { ...options.sendOptions, signal: cancel.signal });
        report.sent++;
        await record(phone, { status: 'sent', messageId: result.messageId, clientRef: message.clientRef });
        await stats?.recordSent(result);
        return 'sent' as const;
      } catch (error) {
        if (!isQuotaExceededError(error)) throw error;
        const delay = error.retryAt ? error.retryAt.getTime() - clock() : Number.POSITIVE_INFINITY;
        if (policy === 'skip' || delay > maxDeferMs) {
          report.skipped.quota++;
          await record(phone, { status: 'skipped', reason: 'quota' });
          return 'skipped' as const;
        }
        try {
          await wait(Math.max(0, delay), stop.signal);
        } catch (waitError) {
          if (stop.signal.aborted && isAbortError(waitError)) return 'unsent' as const;
          throw waitError;
        }
      }
    }
  };

  const handle = async (recipient: R): Promise<void> => {
    let given: unknown;
    let phone: string;
    try {
      given = phoneOf(recipient);
      phone = normalizeRecipient(given as string, ['recipients']);
    } catch (error) {
      const raw = typeof given === 'string' ? given : '';
      await fail(raw, error);
      await record(raw, { status: 'failed', code: 'recipient_invalid', retryable: false });
      return;
    }
    if (seen.has(phone)) {
      report.skipped.duplicate++;
      return;
    }
    seen.add(phone);
    if (group && inControlGroup(phone.slice(1), group)) {
      report.skipped.controlGroup++;
      await stats?.recordControlGroup(phone);
      await record(phone, { status: 'skipped', reason: 'control-group' });
      return;
    }
    if (!(await hasConsent(options.consent, phone, recipient))) {
      report.skipped.consent++;
      await record(phone, { status: 'skipped', reason: 'consent' });
      return;
    }
    let message: OutboundMessage & { clientRef: string };
    try {
      const built = await build(recipient);
      message = { ...built, clientRef: built.clientRef ?? crypto.randomUUID() };
    } catch (error) {
      await fail(phone, error);
      await record(phone, { status: 'failed', code: 'build_failed', retryable: false });
      return;
    }
    if (ledger) {
      let claim: Awaited<ReturnType<BroadcastLedger['claim']>>;
      try {
        claim = await ledger.claim(campaignId as string, phone, {
          runId,
          clientRef: message.clientRef,
          retryUnknown: options.retryUnknown,
        });
      } catch (error) {
        failStore(error);
        unsent(phone);
        return;
      }
      if (claim.status === 'unknown') {
        unknown(phone, claim.clientRef);
        return;
      }
      if (claim.status !== 'claimed') {
        report.skipped.campaign++;
        return;
      }
    }
    try {
      const outcome = await deliver(phone, message);
      if (outcome === 'unsent') {
        unsent(phone);
        await record(phone, { status: 'unsent' });
      }
    } catch (error) {
      if (cancel.signal.aborted && isAbortError(error)) {
        // Cancelled in flight: the platform may have it. Never unsent (re-sending would message them twice).
        unknown(phone, message.clientRef);
        await record(phone, { status: 'unknown', clientRef: message.clientRef });
        return;
      }
      const failure = isWhatsAppError(error) || error instanceof Error ? error : new Error(String(error));
      await fail(phone, failure);
      // Only a refusal that proves nothing was accepted (429) is worth a later run's retry.
      const retryable = isApiError(error) && error.code === 'rate_limited';
      await record(phone, {
        status: 'failed',
        code: isWhatsAppError(error) ? error.code : 'error',
        retryable,
      });
    }
  };

  const { next, rest } = puller(recipients);
  const worker = async () => {
    while (!stop.signal.aborted) {
      const item = await next();
      if (item.done) return;
      report.total++;
      await handle(item.value);
      processed++;
      progress(false);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    // An array's recipients never read are unsent too, so `total` is always the number given.
    const remaining = rest().map((r) => {
      try {
        return normalizeRecipient(phoneOf(r), ['recipients']);
      } catch {
        return typeof r === 'string' ? r : '';
      }
    });
    report.total += remaining.length;
    for (const phone of remaining) unsent(phone);
    if (ledger && remaining.length > 0 && storeFailure === undefined) {
      await ledger.registerUnsent(campaignId as string, remaining).catch(failStore);
    }
  } finally {
    clearTimeout(graceTimer);
    clearInterval(heartbeat);
    signal?.removeEventListener('abort', onStop);
    options.forceSignal?.removeEventListener('abort', onForce);
  }
  if (ledger && storeFailure === undefined) {
    await ledger.endRun(campaignId as string, runId).catch(() => undefined);
  }
  if (storeFailure !== undefined) throw storeFailure;
  report.aborted = signal?.aborted ?? false;
  progress(true);
  return report;
}
