/**
 * What every wire-format parser receives besides the body.
 * @module
 */
import type { ProviderId } from '../../core/provider.js';

/** Parser input besides the payload. */
export interface ParseContext {
  /** The provider the caller named; events report it (CleverTap payloads are Meta-format). */
  provider: ProviderId;
  /** Used as the event time when a payload carries no readable timestamp. */
  receivedAt: Date;
}
