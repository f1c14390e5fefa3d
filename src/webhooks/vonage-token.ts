/**
 * What Vonage signed webhooks need from jose, in one module that `verifyWebhook` and `signWebhookForTest` import
 * on their first Vonage delivery or token: Meta and Gupshup deliveries never load it, so importing
 * `waba-kit/webhooks` does not pay jose's import time. Named re-exports (never `import('jose')` itself), so a
 * bundler still keeps only these parts of jose. @internal
 * @module
 */
export { SignJWT } from 'jose';
export { verifyVonageSignature } from '../jwt/verify.js';
