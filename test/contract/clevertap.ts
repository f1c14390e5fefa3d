/** `CleverTapClient` under the contract suite: the Cloud API transport, reported as `clevertap`. */
import { CleverTapClient } from '../../src/providers/clevertap/index.js';
import { cloudApiErrorCases, cloudApiSendCases } from './cloud-api-cases.js';
import { cloudApiRichCases } from './rich-cases.js';
import type { ContractTarget } from './types.js';

const settings = {
  accessToken: 'EAAJBclevertapTestToken0123456789SECRET',
  phoneNumberId: '209876543210987',
  // A different pinned version than the Meta target, to prove the version reaches the URL.
  apiVersion: 'v24.0',
};
const appSecret = 'clevertap-app-secret-0123456789';
const verifyToken = 'clevertap-verify-token-42';
const passcode = 'clevertap-passcode-SECRET-9876';

/** The CleverTap BSP target. */
export const clevertapTarget: ContractTarget = {
  provider: 'clevertap',
  create: (overrides = {}) =>
    new CleverTapClient({
      ...settings,
      wabaId: '102290129340399',
      appSecret,
      verifyToken,
      region: 'eu1',
      accountId: 'W9R-486-4W5Z',
      passcode,
      retry: { baseDelayMs: 1, maxDelayMs: 5, jitter: 0 },
      ...overrides,
    }),
  sendEndpoint: {
    method: 'POST',
    url: `https://graph.facebook.com/v24.0/${settings.phoneNumberId}/messages`,
  },
  sampleMessage: { type: 'text', to: '+447700900123', text: 'hello' },
  cases: [...cloudApiSendCases(settings), ...cloudApiRichCases(settings)],
  unsupported: [],
  errors: cloudApiErrorCases(),
  secrets: [settings.accessToken, appSecret, verifyToken, passcode],
};
