/**
 * `CleverTapClient`: WhatsApp through CleverTap as BSP. Messages go over the Cloud API transport shared with
 * `MetaCloudClient` (CleverTap BSP numbers run on it); CleverTap's own rules and REST API are added here.
 * @module
 */

import { ConfigError, type Issue, ValidationError } from '../../core/errors.js';
import type { HttpTransport } from '../../core/http.js';
import type { TemplateDefinition } from '../../templates/types.js';
import { CloudApiClient, type CloudApiClientOptions } from '../meta/cloud-api-client.js';
import type { MessageTemplate } from '../meta/templates.js';
import {
  type ClickTrackingButton,
  checkClickTrackingUrl,
  clickTrackingButton,
  clickTrackingUrl,
} from './click-tracking.js';
import { CLEVERTAP_SECRET_KEYS, type CleverTapConfig, parseCleverTapConfig } from './config.js';
import { cleverTapGraphResponseError, cleverTapRestResponseError } from './errors.js';
import { type CleverTapRegion, cleverTapApiBaseUrl } from './regions.js';
import {
  cleverTapTemplateIssues,
  mergeTemplateImport,
  type TemplateImportMode,
  type TemplateImportResult,
} from './templates.js';
import {
  type CleverTapUnprocessed,
  chunk,
  EXTERNAL_TRIGGER_BATCH_LIMIT,
  externalTriggerBody,
  optInUploadBody,
  PROFILE_UPLOAD_BATCH_LIMIT,
  parseUploadResponse,
} from './wire.js';

/** The config after validation and defaults. */
type ParsedCleverTapConfig = ReturnType<typeof parseCleverTapConfig>;

/**
 * What `setWhatsAppOptIn` resolves with, summed over every batch.
 * @inline
 */
export interface OptInResult {
  /** Profiles CleverTap processed. */
  processed: number;
  /** Records CleverTap refused, with its reasons. */
  unprocessed: CleverTapUnprocessed[];
  /** Number of upload calls made. */
  batches: number;
}

/**
 * What `triggerCampaign` resolves with.
 * @inline
 */
export interface TriggerResult {
  /** Number of External Trigger calls made. */
  batches: number;
  /** CleverTap's response bodies, one per call. */
  responses: unknown[];
}

/**
 * WhatsApp through CleverTap BSP. Sends, `markAsRead`, webhooks and template management run on the Cloud API
 * exactly as in `MetaCloudClient` (events and errors report `clevertap`), with CleverTap's rules on top:
 * templates are validated with the `strict` profile, authentication templates are refused, click-tracking URL
 * buttons must use the account region's domain, and editing or deleting a template emits a `warning` event
 * (CleverTap stops the campaigns and journeys that use it). The CleverTap REST API adds WhatsApp opt-in
 * (`setWhatsAppOptIn`) and External Trigger campaigns (`triggerCampaign`).
 *
 * @example
 * ```ts
 * import { CleverTapClient } from 'waba-kit/clevertap';
 *
 * const client = new CleverTapClient({
 *   accessToken: process.env.WA_TOKEN!, phoneNumberId: '106540352242922', wabaId: '102290129340398',
 *   region: 'eu1', accountId: process.env.CT_ACCOUNT_ID!, passcode: process.env.CT_PASSCODE!,
 * });
 * client.on('warning', (w) => console.warn(w.message));
 * await client.setWhatsAppOptIn('user-42', true);
 * await client.sendTemplate('+447700900123', { name: 'order_update', language: 'en', body: ['A-42'] });
 * ```
 */
export class CleverTapClient extends CloudApiClient<ParsedCleverTapConfig> {
  /** The CleverTap account region. */
  readonly region: CleverTapRegion;
  readonly #rest: HttpTransport;
  #templates: MessageTemplate[] = [];

  /**
   * @param config - see {@link CleverTapConfig}; validated strictly (a `ConfigError` lists bad keys, never values)
   * @param options - non-config options such as the clock of the template edit history
   */
  constructor(config: CleverTapConfig, options: CloudApiClientOptions = {}) {
    const parsed = parseCleverTapConfig(config);
    super({
      provider: 'clevertap',
      config: parsed,
      secretKeys: CLEVERTAP_SECRET_KEYS,
      templateProfile: 'strict',
      responseError: cleverTapGraphResponseError,
      options,
    });
    this.region = parsed.region;
    // The REST API is another host with other credentials: its own transport, from the factory the Graph
    // transport comes from, so the Graph bearer token never reaches CleverTap and the passcode never reaches
    // Meta. Events go to this client's listeners; the scrubber covers this client's secrets.
    this.#rest = this.createTransport({
      baseUrl: parsed.restBaseUrl ?? cleverTapApiBaseUrl(parsed.region),
      auth: () => this.#restCredentials(),
      responseError: cleverTapRestResponseError,
    });
  }

  #restCredentials(): Record<string, string> {
    const { accountId, passcode } = this.config;
    if (!accountId || !passcode) {
      const missing = [!accountId && 'accountId', !passcode && 'passcode'].filter(Boolean) as string[];
      throw new ConfigError(
        `The CleverTap REST API needs ${missing.join(' and ')} in the clevertap client config (Settings > Project in the CleverTap dashboard).`,
        {
          provider: 'clevertap',
          issues: missing.map((k) => ({
            code: 'config.missing',
            path: [k],
            message: `${k} is required for CleverTap REST API calls`,
          })),
        },
      );
    }
    return { 'X-CleverTap-Account-Id': accountId, 'X-CleverTap-Passcode': passcode };
  }

  // ---------------------------------------------------------------- CleverTap template rules

  protected override templateIssues(definition: TemplateDefinition): Issue[] {
    return cleverTapTemplateIssues(definition, this.region);
  }

  protected override onTemplateChanged(
    action: 'edited' | 'deleted',
    template: { id?: string; name: string },
  ): void {
    const verb = action === 'edited' ? 'Editing' : 'Deleting';
    this.events.emit('warning', {
      provider: 'clevertap',
      timestamp: new Date(),
      code: action === 'edited' ? 'clevertap.template_edited' : 'clevertap.template_deleted',
      message: `${verb} template "${template.name}" stops every CleverTap campaign and journey that uses it; update them to a current template.`,
      detail: { action, ...template },
    });
  }

  /** The click-tracking URL of this account's region, e.g. `https://ct1.io/{{1}}`. */
  clickTrackingUrl(): string {
    return clickTrackingUrl(this.region);
  }

  /** A click-tracked "Visit website" template button for this account's region. */
  clickTrackingButton(text: string, exampleSuffix?: string): ClickTrackingButton {
    return clickTrackingButton(this.region, text, exampleSuffix);
  }

  /** Checks a button URL against this account's click-tracking domain (empty when fine). */
  checkClickTrackingUrl(url: string): Issue[] {
    return checkClickTrackingUrl(url, this.region);
  }

  /** The templates held by the last {@link importTemplates}. */
  get templates(): readonly MessageTemplate[] {
    return this.#templates;
  }

  /**
   * Imports the approved templates of the WABA from Meta, as CleverTap's "Import Templates" does: `replace`
   * drops every template held and keeps the imported set (the dropped ones are returned in `removed`); `add`
   * keeps them and adds the templates whose name and language are new. Authentication templates are skipped.
   * Imported templates do not repair campaigns that failed on a missing template: point those at the imported
   * ones.
   *
   * @param options.existing - the templates held before (default: the client's last import)
   */
  async importTemplates(options: {
    mode: TemplateImportMode;
    existing?: readonly MessageTemplate[];
  }): Promise<TemplateImportResult> {
    if (options?.mode !== 'replace' && options?.mode !== 'add') {
      throw new ValidationError('importTemplates needs { mode: "replace" } or { mode: "add" }.', {
        provider: 'clevertap',
        issues: [{ code: 'import.mode', path: ['mode'], message: 'mode is "replace" or "add"' }],
      });
    }
    const imported: MessageTemplate[] = [];
    for await (const template of this.listTemplates({ status: 'APPROVED' })) imported.push(template);
    const result = mergeTemplateImport(
      options.existing ?? this.#templates,
      imported,
      options.mode,
      this.region,
    );
    this.#templates = result.templates;
    for (const warning of result.warnings) {
      this.events.emit('warning', {
        provider: 'clevertap',
        timestamp: new Date(),
        code: warning.code,
        message: warning.message,
        detail: warning,
      });
    }
    return result;
  }

  // ---------------------------------------------------------------- CleverTap REST API

  /**
   * Opts one or many profiles in to (or out of) WhatsApp by uploading the `MSG-whatsapp` profile property
   * (`POST /1/upload`), in batches of at most 1000 records (the API's limit).
   *
   * @param identity - CleverTap identities (your user ids) of the profiles
   * @param optIn - `true` to subscribe, `false` to unsubscribe
   *
   * @example
   * ```ts
   * const { processed, unprocessed } = await client.setWhatsAppOptIn(['user-1', 'user-2'], true);
   * ```
   */
  async setWhatsAppOptIn(identity: string | readonly string[], optIn: boolean): Promise<OptInResult> {
    const identities = identityList(identity, 'identity');
    if (typeof optIn !== 'boolean') {
      throw new ValidationError('setWhatsAppOptIn(identity, optIn) needs optIn to be true or false.', {
        provider: 'clevertap',
        issues: [{ code: 'opt_in.boolean', path: ['optIn'], message: 'expected a boolean' }],
      });
    }
    const result: OptInResult = { processed: 0, unprocessed: [], batches: 0 };
    for (const batch of chunk(identities, PROFILE_UPLOAD_BATCH_LIMIT)) {
      const response = await this.#rest.request({
        method: 'POST',
        path: 'upload',
        json: optInUploadBody(batch, optIn),
        // Setting a property to the same value twice has no further effect.
        idempotent: true,
      });
      const parsed = parseUploadResponse(response.body, batch);
      result.processed += parsed.processed;
      for (const item of parsed.unprocessed) result.unprocessed.push(item);
      result.batches += 1;
    }
    return result;
  }

  /**
   * Triggers an External Trigger campaign built in the CleverTap dashboard for one or many identities
   * (`POST /1/send/externaltrigger.json`, Public Beta). `vars` fill the campaign's personalisation keys; CleverTap
   * accepts string values only. Large audiences are sent in batches of 1000 identities.
   *
   * @example
   * ```ts
   * await client.triggerCampaign('1695721550', ['user-42'], { orderId: 'A-42' });
   * ```
   */
  async triggerCampaign(
    campaignId: string | number,
    identities: string | readonly string[],
    vars?: Readonly<Record<string, string>>,
  ): Promise<TriggerResult> {
    if (
      !(typeof campaignId === 'number' && Number.isInteger(campaignId)) &&
      !(typeof campaignId === 'string' && /^\d+$/.test(campaignId))
    ) {
      throw new ValidationError(
        'triggerCampaign needs the numeric campaign id of an External Trigger campaign.',
        {
          provider: 'clevertap',
          issues: [
            {
              code: 'campaign_id.invalid',
              path: ['campaignId'],
              message: 'expected the numeric campaign id',
            },
          ],
        },
      );
    }
    const list = identityList(identities, 'identities');
    const badVars = Object.entries(vars ?? {}).filter(([, v]) => typeof v !== 'string');
    if (badVars.length > 0) {
      const issues = badVars.map(([k]) => ({
        code: 'vars.not_string',
        path: ['vars', k],
        message: 'CleverTap External Trigger accepts string values only',
      }));
      throw new ValidationError(
        `triggerCampaign vars must be strings (CleverTap accepts string values only): ${badVars.map(([k]) => k).join(', ')}.`,
        { provider: 'clevertap', issues },
      );
    }
    const result: TriggerResult = { batches: 0, responses: [] };
    for (const batch of chunk(list, EXTERNAL_TRIGGER_BATCH_LIMIT)) {
      const response = await this.#rest.request({
        method: 'POST',
        path: 'send/externaltrigger.json',
        json: externalTriggerBody(campaignId, batch, vars),
      });
      result.batches += 1;
      result.responses.push(response.body);
    }
    return result;
  }
}

function identityList(input: string | readonly string[], name: string): string[] {
  const list = typeof input === 'string' ? [input] : Array.isArray(input) ? [...input] : [];
  const bad = list.findIndex((v) => typeof v !== 'string' || v.trim().length === 0);
  if (list.length === 0 || bad >= 0) {
    throw new ValidationError(`${name} must be a non-empty identity or a non-empty array of identities.`, {
      provider: 'clevertap',
      issues: [
        {
          code: 'identity.invalid',
          path: bad >= 0 ? [name, bad] : [name],
          message: 'expected non-empty strings',
        },
      ],
    });
  }
  return list;
}
