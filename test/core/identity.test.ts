/**
 * Customer identity: BSUID format, recipient normalisation, and the stable key of every event kind. BSUID examples
 * are Meta's (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */
import { describe, expect, it } from 'vitest';
import { isValidationError, ValidationError } from '../../src/core/errors.js';
import {
  IdentityAliases,
  identitiesOf,
  identityOf,
  isBsuid,
  normalizeRecipient,
} from '../../src/core/identity.js';
import type { WebhookEvent } from '../../src/core/webhook-event.js';
import { parseWebhook } from '../../src/webhooks/index.js';
import { fixtureText } from '../webhooks/helpers.js';

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';

describe('isBsuid', () => {
  it.each([BSUID, PARENT, 'IN.1648738043044942', 'HK.abcXYZ123', `BR.${'a'.repeat(128)}`])(
    'accepts %s',
    (id) => expect(isBsuid(id)).toBe(true),
  );

  it.each([
    '',
    '16505551234',
    '+16505551234',
    'us.13491208655302741918',
    'USA.1349',
    'US.',
    'US.1349-1208',
    'US.ENT.',
    ' US.1349',
    `BR.${'a'.repeat(129)}`,
    42,
    undefined,
  ])('refuses %s', (id) => expect(isBsuid(id)).toBe(false));
});

describe('normalizeRecipient', () => {
  it('keeps a BSUID exactly (case matters) and a parent BSUID', () => {
    expect(normalizeRecipient(BSUID)).toBe(BSUID);
    expect(normalizeRecipient(` ${PARENT} `)).toBe(PARENT);
  });

  it('normalises phone numbers to E.164 as before', () => {
    expect(normalizeRecipient('44 7700 900123')).toBe('+447700900123');
    expect(normalizeRecipient('+1 (650) 555-1234')).toBe('+16505551234');
  });

  it.each(['US.1349-1208', 'us.13491208655302741918', 'USA.13491208655302741918', 'hello'])(
    'refuses %s with recipient.invalid, saying what a valid id looks like',
    (to) => {
      let caught: unknown;
      try {
        normalizeRecipient(to);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect(isValidationError(caught)).toBe(true);
      const error = caught as ValidationError;
      expect(error.issues?.[0]).toMatchObject({ code: 'recipient.invalid', path: ['to'] });
      expect(error.message).toContain('US.13491208655302741918');
    },
  );

  it('keeps phone.invalid for malformed numbers', () => {
    expect(() => normalizeRecipient('+0044')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'phone.invalid' })] }),
    );
  });
});

const parse = (provider: 'meta' | 'gupshup' | 'nexmo' | 'clevertap', name: string): WebhookEvent[] =>
  parseWebhook(provider, fixtureText(provider, name));

describe('identityOf', () => {
  it('is the BSUID when the message carries one, the phone otherwise', () => {
    expect(identityOf(parse('meta', 'message-text-bsuid')[0] as WebhookEvent)).toBe(BSUID);
    expect(identityOf(parse('meta', 'message-text')[0] as WebhookEvent)).toBe('16315551181');
    expect(identityOf(parse('gupshup', 'v2-message-text-bsuid')[0] as WebhookEvent)).toBe(
      'IN.1648738043044942',
    );
    expect(identityOf(parse('nexmo', 'v1-inbound-text-bsuid')[0] as WebhookEvent)).toBe(BSUID);
  });

  it('is the recipient BSUID of a status, else its phone', () => {
    expect(identityOf(parse('meta', 'status-read-bsuid')[0] as WebhookEvent)).toBe(BSUID);
    expect(identityOf(parse('meta', 'status-sent')[0] as WebhookEvent)).toBe('16505551234');
    expect(identityOf(parse('nexmo', 'v1-status-read-bsuid')[0] as WebhookEvent)).toBe(BSUID);
  });

  it('is the BSUID or phone of a user event, and undefined for events about no customer', () => {
    expect(identityOf(parse('meta', 'user-preferences-bsuid')[0] as WebhookEvent)).toBe(BSUID);
    expect(identityOf(parse('meta', 'user-preferences')[0] as WebhookEvent)).toBe('16315551181');
    expect(identityOf(parse('meta', 'template-status-approved')[0] as WebhookEvent)).toBeUndefined();
    expect(identityOf({ kind: 'unknown', provider: 'meta', raw: {} })).toBeUndefined();
  });

  it('lists every identifier of one customer, without duplicates', () => {
    expect(identitiesOf(parse('meta', 'message-text-parent-bsuid')[0] as WebhookEvent)).toEqual([
      BSUID,
      '16315551181',
      PARENT,
    ]);
    expect(identitiesOf(parse('meta', 'message-text-bsuid-only')[0] as WebhookEvent)).toEqual([BSUID]);
    expect(identitiesOf(parse('meta', 'account-alerts')[0] as WebhookEvent)).toEqual([]);
  });
});

describe('a customer with only a BSUID', () => {
  it.each([
    ['meta', 'message-text-bsuid-only'],
    ['meta', 'message-image-bsuid-only'],
    ['meta', 'message-contacts-request-contact-info'],
    ['clevertap', 'message-text-bsuid-only'],
    ['gupshup', 'v2-message-text-bsuid-only'],
    ['nexmo', 'v1-inbound-text-bsuid'],
  ] as const)('%s/%s is a message with no phone, never unknown', (provider, name) => {
    const [event] = parse(provider, name);
    expect(event?.kind).toBe('message');
    expect(event).not.toHaveProperty('from');
    expect(event).toHaveProperty('userId');
  });
});

describe('IdentityAliases', () => {
  const linkEvent = (phone: string, userId: string): WebhookEvent => ({
    kind: 'message',
    provider: 'meta',
    id: `wamid.${phone}`,
    from: phone,
    userId,
    timestamp: new Date(0),
    type: 'text',
    raw: {},
  });

  it('maps a phone (with or without +) to the BSUID it was seen with, and leaves others alone', () => {
    const aliases = new IdentityAliases();
    aliases.learn([linkEvent('16315551181', BSUID), { kind: 'unknown', provider: 'meta', raw: {} }]);
    expect(aliases.keyOf('+16315551181')).toBe(BSUID);
    expect(aliases.keyOf('16315551181')).toBe(BSUID);
    expect(aliases.keyOf(BSUID)).toBe(BSUID);
    expect(aliases.keyOf('+447700900123')).toBe('+447700900123');
  });

  it('keeps at most 10 000 links, forgetting the oldest first', () => {
    const aliases = new IdentityAliases();
    const events = Array.from({ length: 10_001 }, (_, i) =>
      linkEvent(`1650${String(i).padStart(7, '0')}`, `US.${i}`),
    );
    aliases.learn(events);
    expect(aliases.keyOf('+16500000000')).toBe('+16500000000');
    expect(aliases.keyOf('+16500000001')).toBe('US.1');
    expect(aliases.keyOf('+16500010000')).toBe('US.10000');
  });
});
