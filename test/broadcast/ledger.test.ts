/**
 * The in-process broadcast ledger's claim/commit rules, one step at a time (the Redis ledger shares the entry
 * format, `encodeOutcome`/`decodeClaim`/`reportFromCounts`, and is exercised across processes in test/scale).
 * A wrong answer here is a duplicate send (a claim granted twice) or a recipient never sent (a claim refused).
 */
import { describe, expect, it } from 'vitest';
import {
  createMemoryBroadcastLedger,
  decodeClaim,
  encodeOutcome,
  reportFromCounts,
} from '../../src/broadcast/ledger.js';

const C = 'spring';
const clock = () => {
  const state = { t: 1_000 };
  return { state, now: () => state.t };
};

describe('encodeOutcome / decodeClaim / reportFromCounts', () => {
  it('encodes each outcome as its entry string, skipped only softly', () => {
    expect(encodeOutcome({ status: 'sent', messageId: 'wamid.1', clientRef: 'ref-1' })).toEqual({
      value: 's|wamid.1|ref-1',
      mode: 'any',
    });
    expect(encodeOutcome({ status: 'failed', code: '131026', retryable: false })).toEqual({
      value: 'x|131026',
      mode: 'any',
    });
    expect(encodeOutcome({ status: 'failed', code: 'ECONNREFUSED', retryable: true })).toEqual({
      value: 'r|ECONNREFUSED',
      mode: 'any',
    });
    expect(encodeOutcome({ status: 'unknown', clientRef: 'ref-2' })).toEqual({
      value: 'u|ref-2',
      mode: 'any',
    });
    expect(encodeOutcome({ status: 'skipped', reason: 'no-consent' })).toEqual({
      value: 'k|no-consent',
      mode: 'soft',
    });
    expect(encodeOutcome({ status: 'unsent' })).toEqual({ value: 'n', mode: 'any' });
  });

  it('decodes the entries a claim does not take over', () => {
    expect(decodeClaim('s|wamid.1|ref-1')).toEqual({
      status: 'sent',
      messageId: 'wamid.1',
      clientRef: 'ref-1',
    });
    expect(decodeClaim('x|131026')).toEqual({ status: 'failed', code: '131026' });
    expect(decodeClaim('f|run-1|ref-1')).toEqual({ status: 'in-flight' });
    expect(decodeClaim('u|ref-3')).toEqual({ status: 'unknown', clientRef: 'ref-3' });
  });

  it('reports counts by kind, totals them, and never counts below zero', () => {
    expect(reportFromCounts(C, { s: 3, x: 1, r: 2, k: 4, u: 5, f: 6, n: 7 })).toEqual({
      campaignId: C,
      total: 3 + 3 + 4 + 11 + 7,
      sent: 3,
      failed: 3,
      skipped: 4,
      unknown: 11,
      inFlight: 6,
      unsent: 7,
    });
    expect(reportFromCounts(C, { s: -2, n: 1 })).toEqual({
      campaignId: C,
      total: 1,
      sent: 0,
      failed: 0,
      skipped: 0,
      unknown: 0,
      inFlight: 0,
      unsent: 1,
    });
    expect(reportFromCounts(C, {}).total).toBe(0);
  });
});

describe('createMemoryBroadcastLedger', () => {
  const req = (runId: string, clientRef = `ref-${runId}`, retryUnknown?: boolean) => ({
    runId,
    clientRef,
    retryUnknown,
  });

  it('grants a new recipient once: a second claim by a live run is in flight', async () => {
    const { now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.heartbeat(C, 'a', 60_000);
    await ledger.heartbeat(C, 'b', 60_000);
    expect(await ledger.claim(C, '+1', req('a'))).toEqual({ status: 'claimed' });
    expect(await ledger.claim(C, '+1', req('b'))).toEqual({ status: 'in-flight' });
    expect(await ledger.report(C)).toMatchObject({ total: 1, unknown: 1, inFlight: 1 });
  });

  it('turns a claim held by a run whose lease ran out into unknown, keeping its clientRef', async () => {
    const { state, now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.heartbeat(C, 'a', 100);
    await ledger.claim(C, '+1', req('a', 'ref-a'));
    state.t += 100; // lease ends exactly now: no longer alive
    expect(await ledger.claim(C, '+1', req('b'))).toEqual({ status: 'unknown', clientRef: 'ref-a' });
    // Now recorded as unknown: a later claim without retryUnknown is refused the same way.
    expect(await ledger.claim(C, '+1', req('c'))).toEqual({ status: 'unknown', clientRef: 'ref-a' });
    expect(await ledger.report(C)).toMatchObject({ unknown: 1, inFlight: 0 });
    // With retryUnknown, the recipient is claimed again.
    expect(await ledger.claim(C, '+1', req('c', 'ref-c', true))).toEqual({ status: 'claimed' });
    expect(await ledger.report(C)).toMatchObject({ unknown: 1, inFlight: 1 });
  });

  it('keeps a claim in flight while its run is alive (lease in the future)', async () => {
    const { state, now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.heartbeat(C, 'a', 100);
    await ledger.claim(C, '+1', req('a'));
    state.t += 99;
    expect(await ledger.claim(C, '+1', req('b', 'ref-b', true))).toEqual({ status: 'in-flight' });
  });

  it('treats a claim of a run that never heartbeat, or ended, as crashed', async () => {
    const { now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.claim(C, '+1', req('ghost', 'ref-g'));
    expect(await ledger.claim(C, '+1', req('b'))).toEqual({ status: 'unknown', clientRef: 'ref-g' });
    await ledger.heartbeat(C, 'a', 60_000);
    await ledger.claim(C, '+2', req('a', 'ref-a2'));
    await ledger.endRun(C, 'a');
    expect(await ledger.claim(C, '+2', req('b', 'ref-b', true))).toEqual({ status: 'claimed' });
  });

  it('lets the run that holds a claim take it back after its own restart only as unknown or retried', async () => {
    const { now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.heartbeat(C, 'a', 60_000);
    await ledger.claim(C, '+1', req('a', 'ref-1'));
    // Same run id, still alive: its own in-flight entry is not "another live run".
    expect(await ledger.claim(C, '+1', req('a', 'ref-1'))).toEqual({ status: 'unknown', clientRef: 'ref-1' });
  });

  it('never re-sends a sent or failed-for-good recipient, and retries a retryable or skipped one', async () => {
    const { now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.claim(C, 'sent', req('a'));
    await ledger.record(C, 'sent', { status: 'sent', messageId: 'wamid.S', clientRef: 'ref-s' });
    await ledger.claim(C, 'bad', req('a'));
    await ledger.record(C, 'bad', { status: 'failed', code: '131026', retryable: false });
    await ledger.claim(C, 'retry', req('a'));
    await ledger.record(C, 'retry', { status: 'failed', code: '429', retryable: true });
    await ledger.record(C, 'skip', { status: 'skipped', reason: 'opt-out' });
    await ledger.registerUnsent(C, ['fresh']);
    for (const retryUnknown of [false, true]) {
      expect(await ledger.claim(C, 'sent', req('b', 'r', retryUnknown))).toEqual({
        status: 'sent',
        messageId: 'wamid.S',
        clientRef: 'ref-s',
      });
      expect(await ledger.claim(C, 'bad', req('b', 'r', retryUnknown))).toEqual({
        status: 'failed',
        code: '131026',
      });
    }
    expect(await ledger.claim(C, 'retry', req('b'))).toEqual({ status: 'claimed' });
    expect(await ledger.claim(C, 'skip', req('b'))).toEqual({ status: 'claimed' });
    expect(await ledger.claim(C, 'fresh', req('b'))).toEqual({ status: 'claimed' });
  });

  it('records a skip only over never-attempted, retryable or skipped entries', async () => {
    const { now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.heartbeat(C, 'a', 60_000);
    await ledger.claim(C, 'inflight', req('a'));
    await ledger.record(C, 'sent', { status: 'sent', messageId: 'm', clientRef: 'c' });
    await ledger.record(C, 'bad', { status: 'failed', code: 'e', retryable: false });
    await ledger.record(C, 'unknown', { status: 'unknown', clientRef: 'u' });
    await ledger.record(C, 'retry', { status: 'failed', code: 'e', retryable: true });
    await ledger.registerUnsent(C, ['fresh']);
    await ledger.record(C, 'skip', { status: 'skipped', reason: 'one' });
    for (const r of ['inflight', 'sent', 'bad', 'unknown', 'retry', 'fresh', 'skip', 'new']) {
      await ledger.record(C, r, { status: 'skipped', reason: 'two' });
    }
    expect(await ledger.report(C)).toEqual({
      campaignId: C,
      total: 8,
      sent: 1,
      failed: 1,
      skipped: 4,
      unknown: 2,
      inFlight: 1,
      unsent: 0,
    });
  });

  it('registers as unsent only recipients it has not seen, and an unsent outcome returns a claim', async () => {
    const { now } = clock();
    const ledger = createMemoryBroadcastLedger({ clock: now });
    await ledger.record(C, 'sent', { status: 'sent', messageId: 'm', clientRef: 'c' });
    await ledger.registerUnsent(C, ['sent', 'a', 'b', 'a']);
    expect(await ledger.report(C)).toMatchObject({ total: 3, sent: 1, unsent: 2 });
    await ledger.claim(C, 'a', req('r'));
    await ledger.record(C, 'a', { status: 'unsent' });
    expect(await ledger.report(C)).toMatchObject({ total: 3, sent: 1, unsent: 2, inFlight: 0 });
  });

  it('keeps campaigns apart and reports an unknown campaign as empty', async () => {
    const ledger = createMemoryBroadcastLedger();
    await ledger.heartbeat('one', 'a', 60_000);
    await ledger.claim('one', '+1', req('a'));
    expect(await ledger.claim('two', '+1', req('b'))).toEqual({ status: 'claimed' });
    expect(await ledger.report('none')).toEqual(reportFromCounts('none', {}));
    expect((await ledger.report('one')).inFlight).toBe(1);
  });

  it('uses the wall clock by default', async () => {
    const ledger = createMemoryBroadcastLedger();
    await ledger.heartbeat(C, 'a', 60_000);
    await ledger.claim(C, '+1', req('a'));
    expect(await ledger.claim(C, '+1', req('b'))).toEqual({ status: 'in-flight' });
    await ledger.heartbeat(C, 'c', -1);
    await ledger.claim(C, '+2', req('c'));
    expect(await ledger.claim(C, '+2', req('b'))).toMatchObject({ status: 'unknown' });
  });
});
