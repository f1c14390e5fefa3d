/**
 * Identity edges test/core/identity.test.ts leaves open: values that only look like strings, the fallbacks of
 * identityOf for each event kind, empty identifiers, the recipient path in errors, and the alias rules (a
 * customer known only by phone links nothing; a re-learned link counts as the newest; parent BSUIDs).
 * BSUID format: https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  IdentityAliases,
  identitiesOf,
  identityOf,
  isBsuid,
  normalizeRecipient,
} from '../../src/core/identity.js';
import type { WebhookEvent } from '../../src/core/webhook-event.js';

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';
const message = (fields: Record<string, unknown>) =>
  ({
    kind: 'message',
    provider: 'meta',
    id: 'wamid.1',
    timestamp: new Date(0),
    type: 'text',
    raw: {},
    ...fields,
  }) as WebhookEvent;
const status = (fields: Record<string, unknown>) =>
  ({
    kind: 'status',
    provider: 'meta',
    messageId: 'wamid.1',
    status: 'read',
    timestamp: new Date(0),
    raw: {},
    ...fields,
  }) as WebhookEvent;
const user = (fields: Record<string, unknown>) =>
  ({ kind: 'user', provider: 'meta', raw: {}, ...fields }) as WebhookEvent;

describe('isBsuid edges', () => {
  it('refuses non-strings that print as a BSUID, and text around one', () => {
    expect(isBsuid({ toString: () => BSUID })).toBe(false);
    expect(isBsuid([BSUID])).toBe(false);
    expect(isBsuid(`${BSUID}\n`)).toBe(false);
    expect(isBsuid(`x${BSUID}`)).toBe(false);
    expect(isBsuid('US.ENT.ENT.1')).toBe(false);
    expect(isBsuid('US.a')).toBe(true);
  });
});

describe('identityOf and identitiesOf, field by field', () => {
  it('falls back from BSUID to phone to parent BSUID for messages and user events', () => {
    expect(identityOf(message({ userId: BSUID, from: '1555', parentUserId: PARENT }))).toBe(BSUID);
    expect(identityOf(message({ from: '1555', parentUserId: PARENT }))).toBe('1555');
    expect(identityOf(message({ parentUserId: PARENT }))).toBe(PARENT);
    expect(identityOf(message({}))).toBeUndefined();
    expect(identityOf(user({ userId: BSUID, phone: '1555', parentUserId: PARENT }))).toBe(BSUID);
    expect(identityOf(user({ phone: '1555', parentUserId: PARENT }))).toBe('1555');
    expect(identityOf(user({ parentUserId: PARENT }))).toBe(PARENT);
    expect(identityOf(status({ recipientUserId: BSUID, recipient: '1555' }))).toBe(BSUID);
    expect(identityOf(status({ recipient: '1555' }))).toBe('1555');
  });

  it('lists identifiers in order, skipping empty and repeated ones, for every kind', () => {
    expect(identitiesOf(message({ userId: BSUID, from: '', parentUserId: PARENT }))).toEqual([BSUID, PARENT]);
    expect(identitiesOf(message({ userId: BSUID, from: BSUID }))).toEqual([BSUID]);
    expect(identitiesOf(status({ recipientUserId: BSUID, recipient: '1555' }))).toEqual([BSUID, '1555']);
    expect(identitiesOf(status({ recipient: '1555' }))).toEqual(['1555']);
    expect(identitiesOf(user({ userId: BSUID, phone: '1555', parentUserId: PARENT }))).toEqual([
      BSUID,
      '1555',
      PARENT,
    ]);
    expect(identitiesOf(user({ phone: '1555' }))).toEqual(['1555']);
    expect(identitiesOf({ kind: 'unknown', provider: 'meta', raw: {} })).toEqual([]);
  });

  it('events about no one customer have no identity, whatever else they carry', () => {
    const others = [
      { kind: 'account', provider: 'meta', raw: {}, phone: '1555', userId: BSUID },
      { kind: 'billing', provider: 'meta', raw: {}, phone: '1555', userId: BSUID },
      { kind: 'template-status', provider: 'meta', raw: {}, phone: '1555', userId: BSUID },
      { kind: 'unknown', provider: 'meta', raw: {}, phone: '1555', userId: BSUID },
    ] as unknown as WebhookEvent[];
    for (const event of others) {
      expect(identityOf(event)).toBeUndefined();
      expect(identitiesOf(event)).toEqual([]);
    }
  });
});

describe('normalizeRecipient edges', () => {
  it('reports the given path, and masks the refused value', () => {
    let caught: unknown;
    try {
      normalizeRecipient('US.1349-120812345', ['messages', 3, 'to']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.issues).toEqual([
      { code: 'recipient.invalid', path: ['messages', 3, 'to'], message: error.message },
    ]);
    expect(error.message).not.toContain('US.1349-120812345');
    expect(error.message).toMatch(
      /^Invalid recipient .+: it is neither a phone number nor a business-scoped user id\./,
    );
  });

  it.each([
    ['undefined', undefined],
    ['an object', { toString: () => 'US.13491208655302741918' }],
  ])('refuses %s with a ValidationError (phone.invalid), not a TypeError', (_name, value) => {
    expect(() => normalizeRecipient(value as unknown as string, ['to'])).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        issues: [expect.objectContaining({ code: 'phone.invalid', path: ['to'] })],
      }),
    );
  });

  it('passes numbers without letters to phone normalisation, with the path', () => {
    expect(normalizeRecipient('+44 7700 900123', ['x'])).toBe('+447700900123');
    expect(() => normalizeRecipient('12', ['x'])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'phone.invalid', path: ['x'] })] }),
    );
  });
});

describe('IdentityAliases edges', () => {
  it('links the phone and the parent BSUID to the BSUID, from messages and statuses', () => {
    const aliases = new IdentityAliases();
    aliases.learn([
      message({ userId: BSUID, from: '+16315551181', parentUserId: PARENT }),
      status({ recipientUserId: 'IN.777', recipient: '919876543210' }),
    ]);
    expect(aliases.keyOf('16315551181')).toBe(BSUID);
    expect(aliases.keyOf('+16315551181')).toBe(BSUID);
    expect(aliases.keyOf(PARENT)).toBe(BSUID);
    expect(aliases.keyOf('+919876543210')).toBe('IN.777');
    expect(aliases.keyOf('IN.777')).toBe('IN.777');
  });

  it('learns nothing from a single identifier, or when the key is not a BSUID', () => {
    const aliases = new IdentityAliases();
    aliases.learn([
      message({ from: '16315551181' }),
      message({ userId: BSUID }),
      // A phone-keyed event with a malformed "user id" second: the key is the phone, not a BSUID.
      message({ from: '16315551182', parentUserId: 'not-a-bsuid' }),
      status({ recipientUserId: 'bad id', recipient: '16315551183' }),
    ]);
    expect(aliases.keyOf('not-a-bsuid')).toBe('not-a-bsuid');
    expect(aliases.keyOf('16315551183')).toBe('16315551183');
    expect(aliases.keyOf('+16315551181')).toBe('+16315551181');
  });

  it('counts a re-learned link as the newest, so the cap forgets others first', () => {
    const aliases = new IdentityAliases();
    const link = (i: number) => message({ from: `1650${String(i).padStart(7, '0')}`, userId: `US.${i}` });
    aliases.learn([link(0), link(1)]);
    aliases.learn([link(0)]);
    aliases.learn(Array.from({ length: 9_999 }, (_, i) => link(i + 2)));
    expect(aliases.keyOf('16500000000')).toBe('US.0');
    expect(aliases.keyOf('16500000001')).toBe('16500000001');
    // A phone that moves to another BSUID follows it.
    aliases.learn([message({ from: '16500000000', userId: 'GB.9' })]);
    expect(aliases.keyOf('+16500000000')).toBe('GB.9');
  });
});
