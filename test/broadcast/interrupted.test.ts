/**
 * Interrupted broadcasts against the real sandbox (200 ms of latency on every answer, so sends are in flight when
 * the run stops): a recipient the platform accepted is never reported unsent (re-sending the unsent list would
 * message them twice), never-attempted recipients are listed as unsent, and `total` is the number of recipients
 * given.
 */
import { describe, expect, it } from 'vitest';
import { broadcast } from '../../src/broadcast/broadcast.js';
import type { OutboundMessage } from '../../src/core/message.js';
import { type ClientConfig, createClient } from '../../src/create-client.js';
import { CAMPAIGN_TEMPLATE, useCampaignSandbox } from '../scale/sandbox.js';

const sandboxOf = useCampaignSandbox({ latencyMs: 200 });

const numbers = (n: number, base: number) =>
  Array.from({ length: n }, (_, i) => `+4477009${String(base + i).padStart(5, '0')}`);
const template = (to: string): OutboundMessage => ({ type: 'template', to, ...CAMPAIGN_TEMPLATE });

/** Waits until the sandbox has answered every request it started (its latency has passed). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function interruptedRun(base: number, extra: Record<string, unknown>) {
  const sandbox = sandboxOf();
  const client = createClient({ ...sandbox.config('meta'), maxRetries: 0 } as ClientConfig);
  const recipients = numbers(40, base);
  const controller = new AbortController();
  const reportedSent: string[] = [];
  client.on('message.sent', ({ result }) => reportedSent.push(result.to));
  // Two waves of 8 are in flight when the run stops, well before the last of the 40.
  setTimeout(() => controller.abort(), 300);
  const report = await broadcast(client, recipients, template, {
    consent: () => true,
    concurrency: 8,
    ratePerSecond: 1000,
    signal: controller.signal,
    ...extra,
  });
  await settle();
  const accepted = sandbox.messages.map((m) => `+${m.to}`).filter((to) => recipients.includes(to));
  return { report: report as typeof report & Record<string, any>, recipients, accepted, reportedSent };
}

describe('an interrupted broadcast()', () => {
  it('lets in-flight sends finish: every accepted recipient is reported sent, the rest unsent and listed', async () => {
    const { report, recipients, accepted, reportedSent } = await interruptedRun(100, {});
    expect(report.aborted).toBe(true);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThan(recipients.length);
    expect(report.sent).toBe(accepted.length);
    expect(reportedSent.sort()).toEqual([...accepted].sort());
    expect(report.total).toBe(recipients.length);
    expect(report.unsent).toBe(recipients.length - accepted.length);
    const unsent: string[] = report.unsentRecipients;
    expect(unsent).toHaveLength(report.unsent);
    for (const to of unsent) expect(accepted).not.toContain(to);
    expect(new Set([...unsent, ...accepted]).size).toBe(recipients.length);
  });

  it('with no grace period, in-flight sends are reported unknown with their clientRef, never unsent', async () => {
    const { report, recipients, accepted } = await interruptedRun(200, { graceMs: 0 });
    expect(report.aborted).toBe(true);
    const unknown = report.unknownSends;
    expect(report.unknown).toBeGreaterThan(0);
    expect(unknown).toHaveLength(report.unknown);
    // Everyone the platform accepted is sent or unknown (to reconcile by clientRef); nobody accepted is unsent.
    expect(report.sent + report.unknown).toBeGreaterThanOrEqual(accepted.length);
    const unsent: string[] = report.unsentRecipients;
    for (const to of unsent) expect(accepted).not.toContain(to);
    const refs = new Map(sandboxOf().messages.map((m) => [`+${m.to}`, m.clientRef]));
    for (const u of unknown) {
      if (refs.has(u.recipient)) expect(refs.get(u.recipient)).toBe(u.clientRef);
    }
    const { consent, controlGroup, quota, duplicate } = report.skipped;
    expect(
      report.sent +
        report.failed +
        consent +
        controlGroup +
        quota +
        duplicate +
        report.unknown +
        report.unsent,
    ).toBe(recipients.length);
    expect(report.total).toBe(recipients.length);
  });
});
