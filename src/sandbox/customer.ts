/**
 * Who writes with `sandbox.inbound()`: a phone number, a business-scoped user id (BSUID), or both.
 * @module
 */
import { isBsuid } from '../core/identity.js';
import { digits } from './context.js';
import type { SandboxCustomer } from './types.js';

/** A customer resolved: the number as digits and the BSUID, at least one of them. */
export interface ResolvedCustomer {
  phone?: string | undefined;
  userId?: string | undefined;
  username?: string | undefined;
}

/**
 * Reads `inbound()`'s `from`: a string is a BSUID when it has the BSUID format, else a phone number; an object
 * names either or both. Throws `RangeError` when it names neither a valid number nor a valid BSUID.
 */
export function inboundCustomer(from: string | SandboxCustomer): ResolvedCustomer {
  const given: SandboxCustomer =
    typeof from === 'string' ? (isBsuid(from) ? { userId: from } : { phone: from }) : from;
  const phone = given.phone === undefined ? undefined : digits(given.phone);
  if (phone !== undefined && !/^\d{7,15}$/.test(phone))
    throw new RangeError(
      `inbound(): ${JSON.stringify(given.phone)} is not a phone number (E.164, 7 to 15 digits)`,
    );
  if (given.userId !== undefined && !isBsuid(given.userId))
    throw new RangeError(
      `inbound(): ${JSON.stringify(given.userId)} is not a business-scoped user id (e.g. US.13491208655302741918)`,
    );
  if (phone === undefined && given.userId === undefined)
    throw new RangeError('inbound(): give the customer a phone number, a userId (BSUID), or both');
  return { phone, userId: given.userId, username: given.username };
}
