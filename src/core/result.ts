import type { ProviderId } from './provider.js';

/** What a successful send returns. A failed send throws instead. */
export interface SendResult {
  /** The provider that accepted the message. */
  provider: ProviderId;
  /** The provider's message id; status webhooks refer to it. */
  messageId: string;
  /** The recipient, E.164 with `+`. */
  to: string;
  /** The client reference sent with the message (given or generated). */
  clientRef?: string | undefined;
  /** The provider's request or trace id, for support tickets. */
  requestId?: string | undefined;
  /** The provider's response body, as received. */
  raw: unknown;
}
