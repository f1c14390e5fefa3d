/**
 * The sandbox's counts: accepted per recipient and per second, the busiest sliding second, and sends refused by
 * the throughput (130429) and pair-rate (131056) limits, for every provider alike (counted in the shared part).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../src/core/errors.js';
import { createClient } from '../../src/create-client.js';
import { createManualClock, type Sandbox, startSandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

describe('sandbox counts', () => {
  it('counts accepted messages per recipient and per second, and the busiest sliding second', async () => {
    const clock = createManualClock(Date.UTC(2026, 4, 1, 12, 0, 0, 500));
    sandbox = await startSandbox({ clock, limits: { window: false, throughputPerSecond: false } });
    const meta = createClient(sandbox.config('meta'));
    const nexmo = createClient(sandbox.config('nexmo'));
    await meta.sendText('+447700900001', 'one');
    await nexmo.sendText('+447700900001', 'two');
    clock.advance(600); // 12:00:01.100: the next second, but within 1 000 ms of the first two
    await meta.sendText('+447700900002', 'three');
    clock.advance(1_000);
    await meta.sendText('+447700900003', 'four');
    const counts = sandbox.counts;
    expect([...counts.perRecipient]).toEqual([
      ['447700900001', 2],
      ['447700900002', 1],
      ['447700900003', 1],
    ]);
    const second = Math.floor(Date.UTC(2026, 4, 1, 12, 0, 0) / 1000);
    expect([...counts.perSecond]).toEqual([
      [second, 2],
      [second + 1, 1],
      [second + 2, 1],
    ]);
    expect(counts.busiestSecond()).toBe(3);
    expect([...counts.repeated()]).toEqual([['447700900001', 2]]);
    expect(counts.refused).toEqual({ throughput: 0, 'pair-rate': 0 });
  });

  it('counts sends refused by the throughput and pair-rate limits, and never counts them as accepted', async () => {
    const clock = createManualClock(Date.UTC(2026, 4, 1));
    sandbox = await startSandbox({
      clock,
      limits: { window: false, throughputPerSecond: 2, pairRate: { burst: 1, intervalMs: 6_000 } },
    });
    const meta = createClient({ ...sandbox.config('meta'), maxRetries: 0 });
    const codes: string[] = [];
    const send = (to: string) =>
      meta.sendText(to, 'hi').then(
        () => codes.push('ok'),
        (e: unknown) => codes.push(isApiError(e) ? String(e.providerCode) : 'error'),
      );
    await send('+447700900001');
    await send('+447700900001'); // pair rate
    await send('+447700900002');
    await send('+447700900003'); // throughput: two already in this second
    expect(codes).toEqual(['ok', '131056', 'ok', '130429']);
    expect(sandbox.counts.refused).toEqual({ throughput: 1, 'pair-rate': 1 });
    expect(sandbox.counts.busiestSecond()).toBe(2);
  });
});
