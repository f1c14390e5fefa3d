/**
 * Config keys of every client that talks to Meta's WhatsApp Cloud API (`MetaCloudClient`, and `CleverTapClient`,
 * whose numbers run on the Cloud API).
 * @module
 */
import * as z from 'zod/mini';

/**
 * The Graph API version used when the config does not pin one. Pin it yourself (`apiVersion: 'v23.0'`): fields
 * and behaviour change between versions (e.g. `conversation` leaves status webhooks from v24.0).
 */
export const DEFAULT_GRAPH_API_VERSION = 'v23.0';

/** Meta's Graph API host. */
export const GRAPH_API_BASE_URL = 'https://graph.facebook.com';

const id = (what: string) =>
  z
    .string()
    .check(z.regex(/^\d{1,32}$/, `${what} is the numeric id shown in WhatsApp Manager (digits only)`));

/** The Cloud API keys of a client config (merged with `commonConfigShape` by each provider). */
export const cloudApiConfigShape = {
  /** A system-user or business-integration access token, sent as `Authorization: Bearer`. */
  accessToken: z.string().check(z.minLength(20, 'accessToken looks too short to be a Graph API token')),
  /** The id of the business phone number that sends (`/{phoneNumberId}/messages`). */
  phoneNumberId: id('phoneNumberId'),
  /** The WhatsApp Business Account id; needed for template management (`/{wabaId}/message_templates`). */
  wabaId: z.optional(id('wabaId')),
  /** The pinned Graph API version, e.g. `v23.0`. Default {@link DEFAULT_GRAPH_API_VERSION}. */
  apiVersion: z.optional(z.string().check(z.regex(/^v\d{1,3}\.\d{1,2}$/, 'apiVersion looks like "v23.0"'))),
  /**
   * Your Meta app id: `uploadTemplateSample` starts Resumable Upload sessions on `/{appId}/uploads`
   * (https://developers.facebook.com/docs/graph-api/guides/upload).
   */
  appId: z.optional(id('appId')),
  /** The app secret: webhook `X-Hub-Signature-256` checks. */
  appSecret: z.optional(z.string().check(z.minLength(8))),
  /** The token you typed in the webhook settings: the GET `hub.verify_token` handshake. */
  verifyToken: z.optional(z.string().check(z.minLength(1))),
};

/** The Cloud API fields of a validated config. */
export interface CloudApiConfigFields {
  accessToken: string;
  phoneNumberId: string;
  wabaId?: string | undefined;
  appId?: string | undefined;
  apiVersion?: string | undefined;
  appSecret?: string | undefined;
  verifyToken?: string | undefined;
}
