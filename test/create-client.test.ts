import { describe, expect, it } from 'vitest';
import { createClient, isConfigError } from '../src/index.js';

describe('createClient', () => {
  it('refuses an unknown provider with a ConfigError naming the valid ones', () => {
    let error: unknown;
    try {
      createClient({ provider: 'twilio' } as never);
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Unknown provider "twilio". Valid providers: nexmo, gupshup, clevertap, meta.',
    );
  });

  it('refuses a missing config', () => {
    expect(() => createClient(undefined as never)).toThrow(/needs a config object/);
  });
});
