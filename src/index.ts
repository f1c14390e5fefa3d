/**
 * waba-kit: typed WhatsApp Business messaging over Vonage/Nexmo, Gupshup, CleverTap and Meta's Cloud API.
 *
 * The root exports the client contract, `createClient`, the message model, errors and their guards. Provider
 * classes and the pure modules live in subpaths (`waba-kit/nexmo`, `waba-kit/templates`, ...) so that an app
 * bundles only what it uses.
 * @module waba-kit
 */
export * from './core/index.js';
export { type ClientConfig, createClient } from './create-client.js';
