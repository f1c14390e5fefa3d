/**
 * Bulk sending for campaigns: many recipients through one client with bounded concurrency and rate, only to
 * opted-in users, holding out a control group, never twice to one user in a run, deferring (or skipping) when
 * the messaging-tier quota refuses, and stopping cleanly on abort.
 * @module
 */
import type { SendOptions, WhatsAppClient } from '../core/client.js';
import { isAbortError, isQuotaExceededError, isWhatsAppError, ValidationError } from '../core/errors.js';
import type { WhatsAppEventMap } from '../core/events.js';
import { EMIT_EVENT, type EmitEvent } from '../core/gates.js';
import { normalizeRecipient } from '../core/identity.js';
import type { OutboundMessage } from '../core/message.js';
import { sleep as defaultSleep } from '../core/sleep.js';
import { createTokenBucket, DEFAULT_MESSAGES_PER_SECOND } from '../quota/rate-limit.js';
import { type Clock, systemClock } from '../quota/time.js';
import { type ConsentCheck, hasConsent } from './consent.js';
import { type ControlGroup, inControlGroup, resolveControlGroup } from './control-group.js';
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
  /** Sends started per second, at most. Default 80 (a number's default throughput). */
  ratePerSecond?: number | undefined;
  /** Hold out this fraction (0 to 1) of recipients by a stable hash, or `{ fraction, salt }`. */
  controlGroup?: number | ControlGroup | undefined;
  /** Stops the run: no new sends, in-flight ones are cancelled; the report says `aborted: true`. */
  signal?: AbortSignal | undefined;
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

/** The outcome of {@link broadcast}. `total = sent + failed + all skipped + unsent`. */
export interface BroadcastReport {
  /** Recipients read from the input. */
  total: number;
  /** Accepted by the provider. */
  sent: number;
  /** Refused by validation, the provider or the network (see `errors`). */
  failed: number;
  /** Not sent on purpose. */
  skipped: { consent: number; controlGroup: number; quota: number; duplicate: number };
  /** One entry per failure. */
  errors: BroadcastError[];
  /** The run was stopped by its signal. */
  aborted: boolean;
  /** Recipients read but neither sent nor counted elsewhere because the run was aborted. */
  unsent: number;
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

/** Turns any (async) iterable into a pull function safe to call from many workers at once. */
function puller<R>(recipients: Iterable<R> | AsyncIterable<R>): () => Promise<IteratorResult<R>> {
  const iterator =
    Symbol.asyncIterator in recipients
      ? (recipients as AsyncIterable<R>)[Symbol.asyncIterator]()
      : (recipients as Iterable<R>)[Symbol.iterator]();
  let chain: Promise<unknown> = Promise.resolve();
  return () => {
    const next = chain.then(() => iterator.next());
    chain = next.catch(() => undefined);
    return next;
  };
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
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 8);
  const progressEvery = positiveInteger('progressEvery', options.progressEvery ?? 100);
  const group = resolveControlGroup(options.controlGroup);
  const policy = options.onQuotaExceeded ?? 'defer';
  const maxDeferMs = options.maxDeferMs ?? Number.POSITIVE_INFINITY;
  const clock = options.clock ?? systemClock;
  const wait = options.sleep ?? defaultSleep;
  const bucket = createTokenBucket({
    ratePerSecond: options.ratePerSecond ?? DEFAULT_MESSAGES_PER_SECOND,
    clock,
    sleep: wait,
  });
  const phoneOf = options.phoneOf ?? (defaultPhoneOf as (recipient: R) => string);
  const { signal, stats } = options;
  const emitEvent = (client as unknown as { [EMIT_EVENT]?: EmitEvent })[EMIT_EVENT];
  const knownTotal = Array.isArray(recipients) ? recipients.length : undefined;

  const report: BroadcastReport = {
    total: 0,
    sent: 0,
    failed: 0,
    skipped: { consent: 0, controlGroup: 0, quota: 0, duplicate: 0 },
    errors: [],
    aborted: false,
    unsent: 0,
  };
  const seen = new Set<string>();
  let processed = 0;
  let lastProgress = -1;

  const progress = (force: boolean) => {
    if (!force && processed % progressEvery !== 0) return;
    if (processed === lastProgress) return;
    lastProgress = processed;
    const { consent, controlGroup, quota, duplicate } = report.skipped;
    const update: BroadcastProgress = {
      total: knownTotal,
      processed,
      sent: report.sent,
      failed: report.failed,
      skipped: consent + controlGroup + quota + duplicate,
    };
    options.onProgress?.(update);
    emitEvent?.call(client, 'broadcast.progress', {
      ...update,
      provider: client.provider,
      timestamp: new Date(),
    });
  };

  const fail = (recipient: string, error: unknown) => {
    report.failed++;
    report.errors.push({ recipient, error });
    stats?.recordError(recipient);
  };

  /** Sends one message at the allowed rate, deferring (or skipping) on quota refusals. */
  const deliver = async (message: OutboundMessage): Promise<void> => {
    for (;;) {
      await bucket.take(signal);
      try {
        const result = await client.send(message, { ...options.sendOptions, signal });
        report.sent++;
        stats?.recordSent(result);
        return;
      } catch (error) {
        if (!isQuotaExceededError(error)) throw error;
        const delay = error.retryAt ? error.retryAt.getTime() - clock() : Number.POSITIVE_INFINITY;
        if (policy === 'skip' || delay > maxDeferMs) {
          report.skipped.quota++;
          return;
        }
        await wait(Math.max(0, delay), signal);
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
      fail(typeof given === 'string' ? given : '', error);
      return;
    }
    if (seen.has(phone)) {
      report.skipped.duplicate++;
      return;
    }
    seen.add(phone);
    if (group && inControlGroup(phone.slice(1), group)) {
      report.skipped.controlGroup++;
      stats?.recordControlGroup(phone);
      return;
    }
    if (!(await hasConsent(options.consent, phone, recipient))) {
      report.skipped.consent++;
      return;
    }
    let message: OutboundMessage;
    try {
      message = await build(recipient);
    } catch (error) {
      fail(phone, error);
      return;
    }
    try {
      await deliver(message);
    } catch (error) {
      if (signal?.aborted && isAbortError(error)) {
        report.unsent++;
        return;
      }
      fail(phone, isWhatsAppError(error) || error instanceof Error ? error : new Error(String(error)));
    }
  };

  const next = puller(recipients);
  const worker = async () => {
    while (!signal?.aborted) {
      const item = await next();
      if (item.done) return;
      report.total++;
      await handle(item.value);
      processed++;
      progress(false);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.aborted = signal?.aborted ?? false;
  progress(true);
  return report;
}
