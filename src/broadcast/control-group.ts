/**
 * The campaign control group: a fraction of recipients held out, chosen by a stable hash of the recipient so
 * the same user is in (or out of) the group on every run and on every machine, as the seeds' Control Group.
 * @module
 */
import { ValidationError } from '../core/errors.js';

/**
 * FNV-1a over the key, then MurmurHash3's 32-bit finaliser so that keys differing only in their last digits
 * (sequential phone numbers) still land uniformly. Stable across runs, machines and runtimes.
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Where `key` falls in [0, 1), stably for a given salt. */
export function stableFraction(key: string, salt = ''): number {
  return hash32(`${salt}:${key}`) / 0x1_0000_0000;
}

/**
 * A control group: `fraction` of recipients held out; change `salt` to draw a different group.
 * @inline
 */
export interface ControlGroup {
  /** Share of recipients held out, from 0 (none) to 1 (everyone). */
  fraction: number;
  /** Draws a different group for the same recipients (e.g. the campaign id). Default ''. */
  salt?: string | undefined;
}

/** Normalises the `controlGroup` option; throws {@link ValidationError} when the fraction is out of range. */
export function resolveControlGroup(option: number | ControlGroup | undefined): ControlGroup | undefined {
  if (option === undefined) return undefined;
  const group = typeof option === 'number' ? { fraction: option } : option;
  if (typeof group.fraction !== 'number' || !(group.fraction >= 0 && group.fraction <= 1)) {
    throw new ValidationError(
      'Invalid controlGroup: the fraction must be a number from 0 to 1 (e.g. 0.1 for 10 %).',
      {
        issues: [
          { code: 'broadcast.control_group_invalid', path: ['controlGroup'], message: 'expected 0 to 1' },
        ],
      },
    );
  }
  return group.fraction === 0 ? undefined : group;
}

/** True when `key` (a recipient's digits) is held out by `group`. */
export function inControlGroup(key: string, group: ControlGroup): boolean {
  return stableFraction(key, group.salt ?? '') < group.fraction;
}
