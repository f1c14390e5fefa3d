/** The providers waba-kit speaks to. `clevertap` runs on Meta's Cloud API but is reported as itself. */
export type ProviderId = 'nexmo' | 'gupshup' | 'clevertap' | 'meta';

/** Every {@link ProviderId}, in a stable order. */
export const PROVIDERS: readonly ProviderId[] = ['nexmo', 'gupshup', 'clevertap', 'meta'];
