/**
 * The send job of the BullMQ recipe: one job per recipient of a campaign, processed through the broadcast ledger
 * so that no recipient is messaged twice, whatever BullMQ does (retries, a worker killed mid-job, a stalled job
 * handed to another worker). Shared by `producer.ts` and `worker.ts`.
 *
 * How a waba-kit error becomes a BullMQ outcome (see {@link classifySendError}):
 * - nothing was sent and a later try may succeed (429 `RateLimitError` with its Retry-After, a connection that
 *   provably never left, `QuotaExceededError` until its `retryAt`, Redis down before the request): the ledger
 *   marks the recipient retryable and the error is rethrown, so BullMQ retries the job with backoff;
 * - the message may have gone out (5xx, timeout, a connection lost mid-request): the ledger marks it `unknown`
 *   with its clientRef and the job fails for good (`UnrecoverableError`): reconcile it with status webhooks
 *   (`biz_opaque_callback_data` on Meta, `client_ref` on Vonage) rather than message someone twice;
 * - anything else (a bad number, a missing template, bad credentials): recorded as failed, the job fails for good.
 *
 * BullMQ: https://docs.bullmq.io/guide/retrying-failing-jobs (attempts, custom backoff strategies),
 * https://docs.bullmq.io/patterns/stop-retrying-jobs (`UnrecoverableError`),
 * https://docs.bullmq.io/guide/jobs/stalled (a killed worker's jobs come back after their lock expires).
 */
import type { Job, JobsOptions } from 'bullmq';
import { DelayedError, UnrecoverableError } from 'bullmq';
import {
  isApiError,
  isConnectionError,
  isQuotaExceededError,
  isRateLimitError,
  isStoreUnavailableError,
  isWhatsAppError,
  type OutboundMessage,
  type WhatsAppClient,
} from 'waba-kit';
import type { BroadcastLedger } from 'waba-kit/broadcast';

/** The data of one send job. */
export interface SendJobData {
  campaignId: string;
  /** The recipient, E.164. */
  to: string;
  /** The approved template to send. */
  template: { name: string; language: string };
}

/** What a completed send job returns. */
export interface SendJobResult {
  messageId?: string | undefined;
  clientRef?: string | undefined;
  /** True when an earlier try (or another worker) had sent it already: nothing was sent this time. */
  alreadySent: boolean;
}

/** The job options the producer gives every send: a job id per recipient and campaign (`<campaign>|<number>`; BullMQ refuses `:` in custom ids), and retries. */
export const SEND_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'waba-kit' },
  removeOnComplete: { age: 24 * 3600 },
};

/** The job id of a recipient in a campaign: adding the campaign twice adds nobody twice. */
export const sendJobId = (campaignId: string, to: string) => `${campaignId}|${to}`;

/** What to do about a failed send. */
export type SendFailure =
  /** Nothing was sent: BullMQ tries again, after `delayMs` when the error says how long. */
  | { kind: 'retry'; delayMs?: number | undefined }
  /** The message may have been sent: never sent again automatically; reconcile by clientRef. */
  | { kind: 'unknown' }
  /** Refused for good. */
  | { kind: 'fail' };

/** Classifies an error thrown by `client.send()`; see the module docs. */
export function classifySendError(error: unknown, now = Date.now()): SendFailure {
  if (isRateLimitError(error)) return { kind: 'retry', delayMs: error.retryAfterMs };
  if (isQuotaExceededError(error))
    return { kind: 'retry', delayMs: error.retryAt ? Math.max(0, error.retryAt.getTime() - now) : undefined };
  if (isStoreUnavailableError(error)) return { kind: 'retry' };
  if (isConnectionError(error) && error.unsent) return { kind: 'retry' };
  // Retryable but ambiguous (5xx, timeout, a connection lost mid-request): the platform may have the message.
  if (isApiError(error) && error.retryable) return { kind: 'unknown' };
  return { kind: 'fail' };
}

/**
 * The worker's backoff (`settings.backoffStrategy`): the error's own delay when it has one (Retry-After, the
 * quota's `retryAt`), else exponential from 1 s, at most 60 s.
 */
export function sendBackoff(attemptsMade: number, _type?: string, error?: Error): number {
  const failure = classifySendError(error);
  if (failure.kind === 'retry' && failure.delayMs !== undefined) return failure.delayMs;
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attemptsMade - 1));
}

/** What {@link createSendProcessor} needs. */
export interface SendProcessorOptions {
  client: WhatsAppClient;
  ledger: BroadcastLedger;
  /** This worker process's run id in the ledger (unique per process). */
  runId: string;
  /** How long this worker's claims stay its own without a heartbeat; a killed worker's claims outlive it by this. */
  leaseMs: number;
}

/**
 * The BullMQ processor of send jobs. It keeps the worker's run alive in the ledger of every campaign it works on
 * (`stop()` ends them) and, per job: claims the recipient, sends, records the outcome.
 */
export function createSendProcessor(options: SendProcessorOptions) {
  const { client, ledger, runId, leaseMs } = options;
  const campaigns = new Map<string, Promise<void>>();
  const beat = (campaignId: string) => ledger.heartbeat(campaignId, runId, leaseMs);
  const timer = setInterval(
    () => {
      for (const campaignId of campaigns.keys()) beat(campaignId).catch(() => {});
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();

  const alive = (campaignId: string) => {
    let started = campaigns.get(campaignId);
    if (!started) {
      started = beat(campaignId);
      campaigns.set(campaignId, started);
      started.catch(() => campaigns.delete(campaignId));
    }
    return started;
  };

  async function processJob(job: Job<SendJobData, SendJobResult>, token?: string): Promise<SendJobResult> {
    const { campaignId, to, template } = job.data;
    await alive(campaignId);
    const clientRef = crypto.randomUUID();
    const claim = await ledger.claim(campaignId, to, { runId, clientRef });
    switch (claim.status) {
      case 'sent':
        return { messageId: claim.messageId, clientRef: claim.clientRef, alreadySent: true };
      case 'failed':
        throw new UnrecoverableError(`${to} failed for good in an earlier try (${claim.code ?? 'error'}).`);
      case 'unknown':
        throw new UnrecoverableError(
          `The outcome of the send to ${to} is unknown (a worker stopped mid-send): not sent again. Reconcile clientRef ${claim.clientRef ?? '?'} with status webhooks.`,
        );
      case 'in-flight':
        // Another live worker is sending it (a stalled job handed over): look again once its lease could end.
        await job.moveToDelayed(Date.now() + leaseMs, token);
        throw new DelayedError();
    }
    const message: OutboundMessage = { type: 'template', to, clientRef, ...template };
    try {
      const result = await client.send(message);
      await ledger.record(campaignId, to, { status: 'sent', messageId: result.messageId, clientRef });
      return { messageId: result.messageId, clientRef, alreadySent: false };
    } catch (error) {
      const failure = classifySendError(error);
      const code = isWhatsAppError(error) ? error.code : 'error';
      if (failure.kind === 'retry') {
        await ledger.record(campaignId, to, { status: 'failed', code, retryable: true });
        throw error;
      }
      if (failure.kind === 'unknown') {
        await ledger.record(campaignId, to, { status: 'unknown', clientRef });
        throw new UnrecoverableError(
          `The send to ${to} may have gone out (${code}): not sent again. Reconcile clientRef ${clientRef} with status webhooks.`,
        );
      }
      await ledger.record(campaignId, to, { status: 'failed', code, retryable: false });
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Stops the heartbeats and ends this run in every campaign (call after `worker.close()`). */
  async function stop(): Promise<void> {
    clearInterval(timer);
    await Promise.allSettled([...campaigns.keys()].map((c) => ledger.endRun(c, runId)));
  }

  return { process: processJob, stop };
}
