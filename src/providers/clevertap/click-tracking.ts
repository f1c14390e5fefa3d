/**
 * Click-tracked URL buttons for CleverTap BSP templates. CleverTap tracks clicks on a template's "Visit
 * website" button when its URL is the region's short domain followed by one variable, e.g.
 * `https://ct1.io/{{1}}` for EU1; the link is fixed once Meta approves the template, and tracked links expire
 * after 7 days. Pure helpers: build the URL and the button, and check one against the account's region.
 * @module
 */
import type { Issue } from '../../core/errors.js';
import { CLICK_TRACKING_DOMAINS, type CleverTapRegion, regionOfClickTrackingDomain } from './regions.js';

/** The click-tracking URL of a region, with the one variable Meta requires: `https://ct1.io/{{1}}`. */
export function clickTrackingUrl(region: CleverTapRegion): string {
  return `https://${CLICK_TRACKING_DOMAINS[region]}/{{1}}`;
}

/**
 * A template `URL` button (as submitted to Meta) whose clicks CleverTap tracks.
 * @inline
 */
export interface ClickTrackingButton {
  type: 'URL';
  text: string;
  url: string;
  example: [string];
}

/**
 * Builds a click-tracked "Visit website" button for a template definition.
 *
 * @param region - the CleverTap account region
 * @param text - the button label (at most 25 characters)
 * @param exampleSuffix - an example value of the variable, for Meta's review
 *
 * @example
 * ```ts
 * clickTrackingButton('eu1', 'Track order', 'a1b2c3');
 * // { type: 'URL', text: 'Track order', url: 'https://ct1.io/{{1}}', example: ['https://ct1.io/a1b2c3'] }
 * ```
 */
export function clickTrackingButton(
  region: CleverTapRegion,
  text: string,
  exampleSuffix = 'abc123',
): ClickTrackingButton {
  return {
    type: 'URL',
    text,
    url: clickTrackingUrl(region),
    example: [`https://${CLICK_TRACKING_DOMAINS[region]}/${encodeURIComponent(exampleSuffix)}`],
  };
}

/**
 * Checks a template button URL against the account's region. A URL on a CleverTap click-tracking domain must be
 * the region's own domain (a `ct5.io` link in an EU1 account is never tracked), use `https`, and end in exactly
 * one variable right after the domain. URLs on other domains are not click-tracked and pass (they are simply
 * not tracked). Returns the problems found (empty when fine).
 */
export function checkClickTrackingUrl(
  url: string,
  region: CleverTapRegion,
  path: (string | number)[] = ['url'],
): Issue[] {
  const match = /^([a-z]+):\/\/([^/?#]+)(\/[^?#]*)?/i.exec(url);
  if (!match) return [];
  const [, scheme, host = '', rest = ''] = match;
  const urlRegion = regionOfClickTrackingDomain(host);
  if (urlRegion === undefined) return [];
  const expected = clickTrackingUrl(region);
  const issues: Issue[] = [];
  if (urlRegion !== region) {
    issues.push({
      code: 'clevertap.click_tracking_region',
      path,
      message: `${host} is the click-tracking domain of ${urlRegion.toUpperCase()}, but this account is in ${region.toUpperCase()}; use ${expected}.`,
    });
  }
  if (scheme?.toLowerCase() !== 'https' || !/^\/\{\{\s*[a-z0-9_]+\s*\}\}$/i.test(rest)) {
    issues.push({
      code: 'clevertap.click_tracking_format',
      path,
      message: `A click-tracked URL is the domain followed by one variable, e.g. ${expected}.`,
    });
  }
  return issues;
}
