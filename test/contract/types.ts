/**
 * The shape every provider plugs into the contract suite (test/contract/contract.test.ts): one suite, run
 * against every `WhatsAppClient` implementation, with msw handlers that check the exact wire request.
 */
import type {
  Logger,
  OutboundMessage,
  OutboundMessageType,
  ProviderId,
  WhatsAppClient,
} from '../../src/index.js';

/** What the provider must receive for one message, checked field by field. */
export interface ExpectedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The full URL, query string included when there is one. */
  url: string;
  /** Headers that must be present with exactly these values (or matching the RegExp); names lower-case. */
  headers?: Record<string, string | RegExp>;
  /** The exact JSON body (deep equality), for JSON providers. */
  json?: unknown;
  /** The exact form fields, for form-encoded providers (values compared as strings; JSON-valued fields parsed and deep-compared when `formJson` lists them). */
  form?: Record<string, string>;
  /** Form fields whose values are JSON strings, compared after JSON.parse. */
  formJson?: Record<string, unknown>;
}

/** A canned provider response. */
export interface CannedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One message sent through the client, the request it must produce, and the response it gets. */
export interface SendCase {
  name: string;
  message: OutboundMessage;
  expect: ExpectedRequest;
  response: CannedResponse;
  /** The message id `send()` must resolve with. */
  messageId: string;
  /** The request id `send()` must resolve with, when the response carries one. */
  requestId?: string;
}

/** One documented error response and the error class (its `name`) it must become. */
export interface ErrorCase {
  name: string;
  response: CannedResponse;
  /** The expected error class `name`, e.g. `RateLimitError`, `WindowClosedError`. */
  errorName: string;
  /** The provider code the error must carry, as a string. */
  providerCode?: string;
  /** A substring the error message must contain (the provider's own detail). */
  messageIncludes?: string;
}

/** Config keys a contract test may override on a target's client. */
export interface ClientOverrides {
  maxRetries?: number;
  fetch?: typeof fetch;
  logger?: Logger;
}

/** Another way to authenticate the same target (Vonage: Basic beside the application JWT). */
export interface AuthVariant {
  name: string;
  create(overrides?: ClientOverrides): WhatsAppClient;
  /** Secrets of this variant's config. */
  secrets: string[];
}

/** A provider under contract. */
export interface ContractTarget {
  provider: ProviderId;
  /** Builds a client whose requests go to the URLs in the cases; `maxRetries: 0` is passed for error cases. */
  create(overrides?: ClientOverrides): WhatsAppClient;
  /** Other auth configs of the same target, checked by the secret suite too. */
  authVariants?: AuthVariant[];
  /** The send URL and method error cases are served on. */
  sendEndpoint: { method: ExpectedRequest['method']; url: string };
  /** A message used for error cases (any supported type). */
  sampleMessage: OutboundMessage;
  cases: SendCase[];
  /** Message types the provider cannot carry: `send` must throw UnsupportedMessageError with no request. */
  unsupported: { type: OutboundMessageType; message: OutboundMessage }[];
  errors: ErrorCase[];
  /** Secrets of the config used by `create`, which must never appear in errors, JSON or inspect output. */
  secrets: string[];
}
