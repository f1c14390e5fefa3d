/**
 * CleverTap REST API bodies (pure): the profile upload that sets WhatsApp opt-in, and the External Trigger
 * call. Sources: https://developer.clevertap.com/docs/upload-user-profiles-api (at most 1000 records per call,
 * `{ d: [{ identity, type: 'profile', profileData }] }`) and
 * https://developer.clevertap.com/docs/external-trigger-api (Public Beta; `{ to: { identity: [...] },
 * campaign_id, ExternalTrigger: { key: 'string' } }`, string values only). The Cloud API message mapping
 * CleverTap BSP sends with is Meta's (`toCloudApiMessage` in `waba-kit/meta`).
 * @module
 */
/** The profile property CleverTap reads as WhatsApp subscription status. */
export const WHATSAPP_OPT_IN_PROPERTY = 'MSG-whatsapp';

/** Upload User Profiles accepts at most this many records per call. */
export const PROFILE_UPLOAD_BATCH_LIMIT = 1000;

/**
 * Identities per External Trigger call. CleverTap's page documents no per-call maximum for `to.identity`; waba-kit
 * batches at the profile-upload limit to stay on the safe side (unverified).
 */
export const EXTERNAL_TRIGGER_BATCH_LIMIT = 1000;

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The `POST /1/upload` body that sets `MSG-whatsapp` on each identity's profile. */
export function optInUploadBody(identities: readonly string[], optIn: boolean): Record<string, unknown> {
  return {
    d: identities.map((identity) => ({
      identity,
      type: 'profile',
      profileData: { [WHATSAPP_OPT_IN_PROPERTY]: optIn },
    })),
  };
}

/** The `POST /1/send/externaltrigger.json` body. */
export function externalTriggerBody(
  campaignId: string | number,
  identities: readonly string[],
  vars: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> {
  return {
    to: { identity: [...identities] },
    campaign_id: campaignId,
    ...(vars && Object.keys(vars).length > 0 ? { ExternalTrigger: { ...vars } } : {}),
  };
}

/**
 * One record CleverTap did not process, as it reports it.
 * @inline
 */
export interface CleverTapUnprocessed {
  /** The record's index within its batch, when reported. */
  index?: number | undefined;
  /** The identity, when known. */
  identity?: string | undefined;
  /** CleverTap's code, when given. */
  code?: number | string | undefined;
  /** CleverTap's explanation. */
  error?: string | undefined;
  /** The entry as received. */
  raw: unknown;
}

/**
 * Reads an upload response: HTTP 200 with `processed` (a count) and `unprocessed` (one entry per refused record,
 * each with `status`, a numeric CleverTap `code` and an `error` text, per
 * https://developer.clevertap.com/docs/api-errors). A batch can therefore "succeed" while records fail, so the
 * entries are returned, never dropped. Which record an entry refers to is not documented: waba-kit reads an
 * echoed `record.identity` or an `index` into the batch when present (unverified), and leaves `identity`
 * undefined otherwise. Tolerant: unknown shapes yield `processed: 0` and no unprocessed entries.
 */
export function parseUploadResponse(
  body: unknown,
  identities: readonly string[],
): { processed: number; unprocessed: CleverTapUnprocessed[] } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const processed = typeof b.processed === 'number' ? b.processed : 0;
  const list = Array.isArray(b.unprocessed) ? b.unprocessed : [];
  const unprocessed = list.map((entry): CleverTapUnprocessed => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const record = (typeof e.record === 'object' && e.record !== null ? e.record : {}) as Record<
      string,
      unknown
    >;
    const index = typeof e.index === 'number' ? e.index : undefined;
    const identity =
      typeof record.identity === 'string'
        ? record.identity
        : index !== undefined
          ? identities[index]
          : undefined;
    return {
      index,
      identity,
      code: typeof e.code === 'number' || typeof e.code === 'string' ? e.code : undefined,
      error: typeof e.error === 'string' ? e.error : undefined,
      raw: entry,
    };
  });
  return { processed, unprocessed };
}
