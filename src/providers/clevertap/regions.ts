/**
 * CleverTap regions: the REST API host of each, and the short domain CleverTap uses to track clicks on URL
 * buttons. Sources: https://developer.clevertap.com/docs/common-api-components (region hosts),
 * https://docs.clevertap.com/docs/clevertap-bsp (EU1 ct1.io, IN1 ct3.io, SG1 ct4.io, US1 ct5.io) and
 * https://docs.clevertap.com/docs/branded-domain (MEC1 ct8.io, APS3 ct9.io).
 * @module
 */

/** CleverTap account regions. */
export const CLEVERTAP_REGIONS = ['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1'] as const;

/** A CleverTap account region. */
export type CleverTapRegion = (typeof CLEVERTAP_REGIONS)[number];

/** The click-tracking short domain of each region. */
export const CLICK_TRACKING_DOMAINS: Readonly<Record<CleverTapRegion, string>> = Object.freeze({
  eu1: 'ct1.io',
  in1: 'ct3.io',
  sg1: 'ct4.io',
  us1: 'ct5.io',
  mec1: 'ct8.io',
  aps3: 'ct9.io',
});

/** The REST API base of a region: `https://{region}.api.clevertap.com/1`. */
export function cleverTapApiBaseUrl(region: CleverTapRegion): string {
  return `https://${region}.api.clevertap.com/1`;
}

/** The region whose click-tracking domain is `host`, or `undefined` when `host` is not one. */
export function regionOfClickTrackingDomain(host: string): CleverTapRegion | undefined {
  const h = host.toLowerCase();
  return CLEVERTAP_REGIONS.find((r) => CLICK_TRACKING_DOMAINS[r] === h);
}
