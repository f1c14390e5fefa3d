/**
 * The quota and window decision suite, run against every store (memory, Redis through ioredis, Redis through
 * node-redis): the same inputs must give the same decisions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WhatsAppEventMap } from '../../src/core/events.js';
import {
  createConversationWindowTracker,
  createQuotaTracker,
  DAY_MS,
  type QuotaStore,
} from '../../src/quota/index.js';

/** A settable fake clock. */
export function fakeClock(start = Date.UTC(2026, 4, 1, 10, 0, 0)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, {
    set(at: number) {
      now = at;
    },
    advance(ms: number) {
      now += ms;
    },
  });
}

const T0 = Date.UTC(2026, 4, 1, 10, 0, 0);
let scopeCounter = 0;
/** A scope no other test uses, so one store serves the whole suite. */
export const freshScope = (name: string) => `${name}-${process.pid}-${Date.now()}-${scopeCounter++}`;

export function storeDecisionSuite(
  name: string,
  getStore: () => QuotaStore,
  options: { propertyRuns: number },
) {
  describe(`${name}: quota decisions`, () => {
    it('counts each unique recipient once in the window, whatever the number format', async () => {
      const clock = fakeClock();
      const quota = createQuotaTracker({ tier: 3, store: getStore(), clock, scope: freshScope('unique') });
      expect(await quota.acquire('+447700900001')).toEqual({
        allowed: true,
        counted: true,
        used: 1,
        limit: 3,
        remaining: 2,
      });
      clock.advance(60_000);
      // The same user as a webhook spells it (digits only) and with spaces: not counted again.
      expect(await quota.acquire('447700900001')).toMatchObject({ allowed: true, counted: false, used: 1 });
      expect(await quota.acquire('+44 7700 900001')).toMatchObject({
        allowed: true,
        counted: false,
        used: 1,
      });
      expect(await quota.acquire('+447700900002')).toMatchObject({ allowed: true, counted: true, used: 2 });
      expect(await quota.usage()).toEqual({
        used: 2,
        limit: 3,
        remaining: 1,
        nextReleaseAt: new Date(T0 + DAY_MS),
      });
    });

    it('refuses a new recipient at the limit with retryAt = oldest count + 24 h, and frees the slot at 24 h exactly', async () => {
      const clock = fakeClock();
      const quota = createQuotaTracker({ tier: 2, store: getStore(), clock, scope: freshScope('limit') });
      const exceeded: WhatsAppEventMap['quota.exceeded'][] = [];
      quota.on('quota.exceeded', (e) => exceeded.push(e));
      await quota.acquire('+447700900001'); // counted at T0
      clock.advance(3_600_000);
      await quota.acquire('+447700900002'); // counted at T0 + 1 h
      clock.advance(3_600_000);
      const refused = await quota.acquire('+447700900003');
      expect(refused).toEqual({
        allowed: false,
        counted: false,
        used: 2,
        limit: 2,
        remaining: 0,
        retryAt: new Date(T0 + DAY_MS),
      });
      expect(exceeded).toHaveLength(1);
      expect(exceeded[0]).toMatchObject({ used: 2, limit: 2, retryAt: new Date(T0 + DAY_MS) });
      // A recipient already counted is still allowed while the budget is spent.
      expect(await quota.acquire('+447700900002')).toMatchObject({ allowed: true, counted: false });
      // One millisecond before the oldest leaves the window: still refused.
      clock.set(T0 + DAY_MS - 1);
      expect(await quota.acquire('+447700900003')).toMatchObject({ allowed: false });
      // 24 h exactly: the first recipient has left the window; the slot is taken by the new one.
      clock.set(T0 + DAY_MS);
      expect(await quota.acquire('+447700900003')).toMatchObject({ allowed: true, counted: true, used: 2 });
      // The first recipient is counted afresh only if there is room: there is not (2 and 3 are in the window).
      expect(await quota.acquire('+447700900001')).toMatchObject({
        allowed: false,
        retryAt: new Date(T0 + 3_600_000 + DAY_MS),
      });
    });

    it('rolls: each recipient leaves the window 24 h after it was counted', async () => {
      const clock = fakeClock();
      const quota = createQuotaTracker({ tier: 10, store: getStore(), clock, scope: freshScope('rolling') });
      for (let i = 0; i < 5; i++) {
        await quota.acquire(`+4477009000${10 + i}`);
        clock.advance(2 * 3_600_000);
      }
      // Counted at T0, +2h, +4h, +6h, +8h.
      expect((await quota.usage(T0 + DAY_MS - 1)).used).toBe(5);
      expect((await quota.usage(T0 + DAY_MS)).used).toBe(4);
      expect((await quota.usage(T0 + DAY_MS + 4 * 3_600_000)).used).toBe(2);
      const usage = await quota.usage(T0 + DAY_MS + 8 * 3_600_000);
      expect(usage).toEqual({ used: 0, limit: 10, remaining: 10, nextReleaseAt: undefined });
      // Counted again after it left: a new count.
      clock.set(T0 + DAY_MS + 8 * 3_600_000);
      expect(await quota.acquire('+447700900010')).toMatchObject({ counted: true, used: 1 });
    });

    it('does not count a recipient inside an open customer-service window', async () => {
      const quota = createQuotaTracker({
        tier: 1,
        store: getStore(),
        clock: fakeClock(),
        scope: freshScope('open'),
      });
      await quota.acquire('+447700900001');
      expect(await quota.acquire('+447700900002', { conversationOpen: true })).toEqual({
        allowed: true,
        counted: false,
        used: 1,
        limit: 1,
        remaining: 0,
      });
      expect(await quota.acquire('+447700900002')).toMatchObject({ allowed: false });
    });

    it('unlimited never refuses but still counts', async () => {
      const quota = createQuotaTracker({
        tier: 'TIER_UNLIMITED',
        store: getStore(),
        clock: fakeClock(),
        scope: freshScope('unlimited'),
      });
      const warnings: unknown[] = [];
      quota.on('quota.warning', (w) => warnings.push(w));
      for (let i = 0; i < 300; i++) {
        const d = await quota.acquire(`+4477009${String(i).padStart(5, '0')}`);
        expect(d.allowed).toBe(true);
      }
      expect(await quota.usage()).toMatchObject({ used: 300, limit: Number.POSITIVE_INFINITY });
      expect(warnings).toEqual([]);
    });

    it('warns once at 80 % and once at 95 % of the limit', async () => {
      const events: [string, unknown][] = [];
      const quota = createQuotaTracker({
        tier: 'TIER_250',
        store: getStore(),
        clock: fakeClock(),
        scope: freshScope('warn'),
        events: { emit: (name, payload) => events.push([name, payload]) },
      });
      const warnings: WhatsAppEventMap['quota.warning'][] = [];
      quota.on('quota.warning', (w) => warnings.push(w));
      for (let i = 0; i < 250; i++) await quota.acquire(`+4477009${String(i).padStart(5, '0')}`);
      // Re-sending to counted users does not warn again.
      for (let i = 0; i < 250; i++) await quota.acquire(`+4477009${String(i).padStart(5, '0')}`);
      expect(warnings.map((w) => [w.threshold, w.used, w.limit])).toEqual([
        [0.8, 200, 250],
        [0.95, 238, 250],
      ]);
      expect(events.filter(([n]) => n === 'quota.warning')).toHaveLength(2);
    });

    it('keeps scopes apart: one store, many budgets', async () => {
      const store = getStore();
      const clock = fakeClock();
      const a = createQuotaTracker({ tier: 1, store, clock, scope: freshScope('a') });
      const b = createQuotaTracker({ tier: 1, store, clock, scope: freshScope('b') });
      expect((await a.acquire('+447700900001')).allowed).toBe(true);
      expect((await b.acquire('+447700900002')).allowed).toBe(true);
      expect((await a.acquire('+447700900002')).allowed).toBe(false);
    });

    it('property: never more than `limit` distinct recipients counted in any 24 h window, and decisions match a model', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 6 }),
          fc.array(
            fc.record({
              recipient: fc.integer({ min: 0, max: 15 }),
              advance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 * 3_600_000 })),
              together: fc.integer({ min: 1, max: 4 }),
            }),
            { minLength: 1, maxLength: 40 },
          ),
          async (limit, steps) => {
            const clock = fakeClock();
            const quota = createQuotaTracker({
              tier: limit,
              store: getStore(),
              clock,
              scope: freshScope('prop'),
            });
            const counted: { r: string; t: number }[] = [];
            const model = new Map<string, number>(); // recipient -> counted at
            for (const step of steps) {
              clock.advance(step.advance);
              const now = clock();
              for (const [r, t] of model) if (t <= now - DAY_MS) model.delete(r);
              // Several acquires at once, interleaved: distinct recipients r, r+1, ...
              const batch = Array.from(
                { length: step.together },
                (_, k) => `+4477009000${10 + ((step.recipient + k) % 16)}`,
              );
              const decisions = await Promise.all(batch.map((r) => quota.acquire(r)));
              for (const [k, d] of decisions.entries()) {
                const r = batch[k] as string;
                if (d.counted) counted.push({ r, t: now });
                // Model (batch items are distinct, so order within the batch only matters at the limit).
                expect(d.used).toBeLessThanOrEqual(limit);
                if (model.has(r)) expect(d).toMatchObject({ allowed: true, counted: false });
                else if (d.counted) model.set(r, now);
                else expect(d.allowed).toBe(false);
              }
              expect(model.size).toBeLessThanOrEqual(limit);
            }
            for (const c of counted) {
              const inWindow = counted.filter((o) => o.t <= c.t && o.t > c.t - DAY_MS);
              expect(inWindow.length).toBeLessThanOrEqual(limit);
              expect(new Set(inWindow.map((o) => o.r)).size).toBe(inWindow.length);
            }
          },
        ),
        { numRuns: options.propertyRuns },
      );
    });
  });

  describe(`${name}: conversation windows`, () => {
    it('opens for 24 h after the user writes, closing at 24 h exactly; rolling with each message', async () => {
      const clock = fakeClock();
      const windows = createConversationWindowTracker({ store: getStore(), clock, scope: freshScope('w') });
      expect(await windows.isOpen('+447700900001')).toBe(false);
      expect(await windows.expiresAt('+447700900001')).toBeUndefined();
      expect(await windows.recordInbound('447700900001', T0)).toEqual(new Date(T0 + DAY_MS));
      expect(await windows.isOpen('+447700900001', T0 + DAY_MS - 1)).toBe(true);
      expect(await windows.isOpen('+447700900001', T0 + DAY_MS)).toBe(false);
      // A later message moves the expiry on.
      await windows.recordInbound('+447700900001', T0 + 5 * 3_600_000);
      expect(await windows.expiresAt('+447700900001')).toEqual(new Date(T0 + 5 * 3_600_000 + DAY_MS));
      expect(await windows.isOpen('+447700900001', T0 + DAY_MS + 3_600_000)).toBe(true);
      // An older message recorded late never shortens it.
      await windows.recordInbound('+447700900001', T0 + 3_600_000);
      expect(await windows.expiresAt('+447700900001')).toEqual(new Date(T0 + 5 * 3_600_000 + DAY_MS));
    });

    it('property: a window is open exactly before the latest expiry recorded (24 h, or 72 h from a free entry point)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              user: fc.integer({ min: 0, max: 3 }),
              offset: fc.integer({ min: 0, max: 5 * DAY_MS }),
              freeEntryPoint: fc.boolean(),
            }),
            { maxLength: 12 },
          ),
          fc.array(
            fc.record({
              user: fc.integer({ min: 0, max: 3 }),
              offset: fc.integer({ min: 0, max: 9 * DAY_MS }),
            }),
            {
              minLength: 1,
              maxLength: 8,
            },
          ),
          async (records, queries) => {
            const windows = createConversationWindowTracker({
              store: getStore(),
              clock: () => T0,
              scope: freshScope('wp'),
            });
            const phone = (u: number) => `+4477009000${20 + u}`;
            const model = new Map<number, number>();
            for (const r of records) {
              await windows.recordInbound(phone(r.user), T0 + r.offset, { freeEntryPoint: r.freeEntryPoint });
              const expiry = T0 + r.offset + (r.freeEntryPoint ? 3 : 1) * DAY_MS;
              model.set(r.user, Math.max(model.get(r.user) ?? 0, expiry));
            }
            for (const q of queries) {
              const expiry = model.get(q.user);
              expect(await windows.isOpen(phone(q.user), T0 + q.offset)).toBe(
                expiry !== undefined && T0 + q.offset < expiry,
              );
              expect(await windows.expiresAt(phone(q.user))).toEqual(
                expiry === undefined ? undefined : new Date(expiry),
              );
            }
          },
        ),
        { numRuns: options.propertyRuns },
      );
    });

    it('lasts 72 h from a free entry point, and a later ordinary message does not shorten it', async () => {
      const clock = fakeClock();
      const windows = createConversationWindowTracker({ store: getStore(), clock, scope: freshScope('fep') });
      await windows.recordInbound('+447700900002', T0, { freeEntryPoint: true });
      expect(await windows.isOpen('+447700900002', T0 + 3 * DAY_MS - 1)).toBe(true);
      expect(await windows.isOpen('+447700900002', T0 + 3 * DAY_MS)).toBe(false);
      clock.advance(3_600_000);
      await windows.recordInbound('+447700900002');
      expect(await windows.expiresAt('+447700900002')).toEqual(new Date(T0 + 3 * DAY_MS));
    });
  });
}
