import { describe, expect, it } from 'vitest';
import { createConsentStore } from '../../src/broadcast/index.js';
import type { UserEvent } from '../../src/core/webhook-event.js';

const user = (phone: string, event: UserEvent['event']): UserEvent => ({
  kind: 'user',
  provider: 'gupshup',
  phone,
  event,
  raw: {},
});

describe('createConsentStore', () => {
  it('keeps everyone opted out until opted in, keyed by the E.164 digits', () => {
    const consent = createConsentStore();
    expect(consent.isOptedIn('+447700900001')).toBe(false);
    consent.optIn('0044 7700 900001');
    expect(consent.isOptedIn('447700900001')).toBe(true);
    expect(consent.size).toBe(1);
    consent.optOut('+447700900001');
    expect(consent.isOptedIn('+447700900001')).toBe(false);
    expect(consent.size).toBe(0);
  });

  it('follows opt-in, opt-out and marketing preference webhook events, ignoring other kinds', () => {
    const consent = createConsentStore(['+447700900002']);
    consent.record(user('447700900001', 'opted-in'));
    consent.record(user('447700900002', 'marketing-stop'));
    expect([consent.isOptedIn('+447700900001'), consent.isOptedIn('+447700900002')]).toEqual([true, false]);
    consent.record(user('447700900002', 'marketing-resume'));
    consent.record(user('447700900001', 'opted-out'));
    consent.record(user('447700900003', 'sandbox-start'));
    consent.record({ kind: 'unknown', provider: 'gupshup', raw: {} });
    expect([consent.isOptedIn('+447700900001'), consent.isOptedIn('+447700900002')]).toEqual([false, true]);
    expect(consent.size).toBe(1);
  });
});
