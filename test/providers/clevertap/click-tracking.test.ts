import { describe, expect, it } from 'vitest';
import {
  CLEVERTAP_REGIONS,
  CLICK_TRACKING_DOMAINS,
  checkClickTrackingUrl,
  cleverTapApiBaseUrl,
  clickTrackingButton,
  clickTrackingUrl,
  regionOfClickTrackingDomain,
} from '../../../src/providers/clevertap/index.js';

describe('regions', () => {
  it('maps each region to its click-tracking domain as CleverTap documents', () => {
    expect(CLICK_TRACKING_DOMAINS).toEqual({
      eu1: 'ct1.io',
      in1: 'ct3.io',
      sg1: 'ct4.io',
      us1: 'ct5.io',
      mec1: 'ct8.io',
      aps3: 'ct9.io',
    });
    expect([...CLEVERTAP_REGIONS].sort()).toEqual(['aps3', 'eu1', 'in1', 'mec1', 'sg1', 'us1']);
  });

  it('builds the REST API base of each region and finds a region from its domain', () => {
    expect(cleverTapApiBaseUrl('in1')).toBe('https://in1.api.clevertap.com/1');
    expect(regionOfClickTrackingDomain('CT9.io')).toBe('aps3');
    expect(regionOfClickTrackingDomain('example.com')).toBeUndefined();
  });
});

describe('click-tracking URLs', () => {
  it.each(CLEVERTAP_REGIONS.map((r) => [r, CLICK_TRACKING_DOMAINS[r]] as const))(
    '%s -> https://%s/{{1}}',
    (region, domain) => {
      expect(clickTrackingUrl(region)).toBe(`https://${domain}/{{1}}`);
      expect(checkClickTrackingUrl(clickTrackingUrl(region), region)).toEqual([]);
    },
  );

  it('builds a URL button with an example for review', () => {
    expect(clickTrackingButton('us1', 'Track order', 'a/b')).toEqual({
      type: 'URL',
      text: 'Track order',
      url: 'https://ct5.io/{{1}}',
      example: ['https://ct5.io/a%2Fb'],
    });
  });

  it("refuses another region's domain, naming the right one", () => {
    const issues = checkClickTrackingUrl('https://ct5.io/{{1}}', 'eu1', [
      'components',
      3,
      'buttons',
      0,
      'url',
    ]);
    expect(issues).toEqual([
      {
        code: 'clevertap.click_tracking_region',
        path: ['components', 3, 'buttons', 0, 'url'],
        message:
          'ct5.io is the click-tracking domain of US1, but this account is in EU1; use https://ct1.io/{{1}}.',
      },
    ]);
  });

  it('refuses a tracked URL that is not https or not domain + one variable', () => {
    for (const url of [
      'http://ct1.io/{{1}}',
      'https://ct1.io/promo',
      'https://ct1.io/x/{{1}}',
      'https://ct1.io/{{1}}/x',
    ]) {
      expect(
        checkClickTrackingUrl(url, 'eu1').map((i) => i.code),
        url,
      ).toEqual(['clevertap.click_tracking_format']);
    }
  });

  it('lets URLs on other domains through (they are simply not tracked)', () => {
    expect(checkClickTrackingUrl('https://shop.example.com/o/{{1}}', 'eu1')).toEqual([]);
    expect(checkClickTrackingUrl('not a url', 'eu1')).toEqual([]);
  });
});
