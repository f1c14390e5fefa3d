import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The raw text of a fixture, exactly as stored (UTF-8). */
export function fixtureText(provider: string, name: string): string {
  return readFileSync(join(FIXTURES, provider, `${name}.json`), 'utf8');
}

/** A fixture parsed. */
export function fixture(provider: string, name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(provider, name));
}

/** The fixture names of a provider folder. */
export function fixtureNames(provider: string): string[] {
  return readdirSync(join(FIXTURES, provider))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * A Meta delivery: one change of `n` `delivered` statuses, ids `<idPrefix><i>` (each its own, so dedupe keeps them
 * all), in the shape of the Cloud API status webhook
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/).
 * Built as text, so that even a batch of 100 000 is quick to build.
 */
export function metaStatusChange(n: number, idPrefix = 'wamid.'): string {
  const statuses = Array.from(
    { length: n },
    (_, i) =>
      `{"id":"${idPrefix}${i}","status":"delivered","timestamp":"1750263773","recipient_id":"16505551234"}`,
  );
  return `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001234","phone_number_id":"1"},"statuses":[${statuses.join(',')}]}}]}]}`;
}
