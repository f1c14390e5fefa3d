/** `MetaCloudClient` under the contract suite. */
import { MetaCloudClient } from '../../src/providers/meta/index.js';
import { cloudApiErrorCases, cloudApiSendCases } from './cloud-api-cases.js';
import { cloudApiRichCases } from './rich-cases.js';
import type { ContractTarget } from './types.js';

const settings = {
  accessToken: 'EAAJBmetaTestToken0123456789abcdefSECRET',
  phoneNumberId: '106540352242922',
  apiVersion: 'v23.0',
};
const appSecret = 'meta-app-secret-0123456789';
const verifyToken = 'meta-verify-token-42';
const cases = [...cloudApiSendCases(settings), ...cloudApiRichCases(settings)];

/** The Meta Cloud API target. */
export const metaTarget: ContractTarget = {
  provider: 'meta',
  create: (overrides = {}) =>
    new MetaCloudClient({
      ...settings,
      wabaId: '102290129340398',
      appSecret,
      verifyToken,
      retry: { baseDelayMs: 1, maxDelayMs: 5, jitter: 0 },
      ...overrides,
    }),
  sendEndpoint: {
    method: 'POST',
    url: `https://graph.facebook.com/v23.0/${settings.phoneNumberId}/messages`,
  },
  sampleMessage: { type: 'text', to: '+447700900123', text: 'hello' },
  cases,
  // The Cloud API carries every type of the neutral model.
  unsupported: [],
  errors: cloudApiErrorCases(),
  secrets: [settings.accessToken, appSecret, verifyToken],
};
