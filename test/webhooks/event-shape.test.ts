/**
 * The events carry no field set to `undefined` (the event types use exact optional properties, and a stored or
 * logged event should not list keys without values). The hot parsers build statuses field by field, so this is
 * checked over every fixture of every provider, at every depth except the payload kept in `raw`.
 */
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/core/provider.js';
import { parseWebhook } from '../../src/webhooks/index.js';
import { fixtureNames, fixtureText } from './helpers.js';

/** Paths (below the event, `raw` and `detail` excluded) whose value is `undefined`. */
function undefinedPaths(value: unknown, path: string, out: string[]): string[] {
  if (typeof value !== 'object' || value === null || value instanceof Date) return out;
  for (const key of Object.keys(value)) {
    if (path === '' && (key === 'raw' || key === 'detail')) continue;
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) out.push(`${path}.${key}`);
    else undefinedPaths(child, `${path}.${key}`, out);
  }
  return out;
}

const FOLDERS: Record<string, ProviderId> = {
  meta: 'meta',
  clevertap: 'clevertap',
  gupshup: 'gupshup',
  nexmo: 'nexmo',
};

describe.each(Object.entries(FOLDERS))('events of the %s fixtures', (folder, provider) => {
  it.each(fixtureNames(folder))('%s has no undefined field', (name) => {
    const events = parseWebhook(provider, fixtureText(folder, name));
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(undefinedPaths(event, '', [])).toEqual([]);
  });
});

describe('a status with only its required fields', () => {
  it.each([
    [
      'meta',
      {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ value: { statuses: [{ id: 'w', status: 'sent' }] } }] }],
      },
    ],
    ['nexmo', { message_uuid: 'u', to: { type: 'whatsapp', number: '' }, status: 'delivered' }],
    ['nexmo', { message_uuid: 'u', channel: 'whatsapp', to: '', status: 'read' }],
    ['gupshup', { app: 'a', version: 2, type: 'message-event', payload: { id: 'g', type: 'sent' } }],
  ] as const)(
    '%s: kind, provider, messageId, status, providerStatus, timestamp and raw only',
    (provider, body) => {
      const [event] = parseWebhook(provider, JSON.stringify(body), { receivedAt: new Date(0) });
      expect(event?.kind).toBe('status');
      expect(Object.keys(event ?? {})).toEqual([
        'kind',
        'provider',
        'messageId',
        'status',
        'providerStatus',
        'timestamp',
        'raw',
      ]);
    },
  );
});
