// Runtime-neutral smoke checks of the BUILT package. Only Web-standard APIs (fetch, crypto.subtle, TextEncoder,
// atob/btoa) are used here, so the same file runs on Node, Bun, Deno and in workerd. Each runtime's entry imports
// `runSmoke`, calls it with the address of the harness's 127.0.0.1 server, and prints the JSON result.
import { signApplicationJwt } from 'waba-kit/jwt';
import { MetaCloudClient } from 'waba-kit/meta';
import { validateTemplate } from 'waba-kit/templates';
import { parseWebhook, signWebhookForTest, verifyWebhook } from 'waba-kit/webhooks';
import { WebhookEventSchema } from 'waba-kit/webhooks/schema';
import { SMOKE } from './smoke-checks-shared.mjs';

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const base64url = (text) => text.replace(/-/g, '+').replace(/_/g, '/');
const decodeSegment = (segment) => JSON.parse(atob(base64url(segment)));
const fromBase64url = (segment) => Uint8Array.from(atob(base64url(segment)), (c) => c.charCodeAt(0));

async function pkcs8Pem(key) {
  const der = new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** Signs a Vonage application JWT from a PEM key and checks its header, claims and RS256 signature. */
async function checkJwt() {
  const pair = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  const token = await signApplicationJwt({
    applicationId: SMOKE.applicationId,
    privateKey: await pkcs8Pem(pair.privateKey),
    ttlSeconds: 900,
  });
  const [header, payload, signature] = token.split('.');
  assert(signature, 'the JWT has three segments');
  const head = decodeSegment(header);
  const claims = decodeSegment(payload);
  assert(head.alg === 'RS256', `JWT alg is RS256 (got ${head.alg})`);
  assert(claims.application_id === SMOKE.applicationId, 'JWT application_id claim');
  assert(claims.exp - claims.iat === 900, 'JWT exp = iat + 900');
  assert(typeof claims.jti === 'string' && claims.jti.length > 0, 'JWT jti claim');
  const valid = await crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    pair.publicKey,
    fromBase64url(signature),
    new TextEncoder().encode(`${header}.${payload}`),
  );
  assert(valid, 'the JWT signature verifies with the public key');
  return 'jwt: RS256 application JWT signed from a PKCS#8 PEM and verified';
}

/** One valid definition and one with a variable gap and a footer variable. */
async function checkTemplates() {
  const good = validateTemplate({
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Hi {{1}}, order {{2}} has shipped.', example: { body_text: [['Ana', '1042']] } },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
    ],
  });
  assert(good.valid === true, `a valid template validates (issues: ${JSON.stringify(good.issues)})`);
  const bad = validateTemplate({
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Hi {{1}}, order {{3}} has shipped.', example: { body_text: [['Ana', '1042']] } },
      { type: 'FOOTER', text: 'Ref {{1}}' },
    ],
  });
  const codes = bad.issues.map((issue) => issue.code);
  assert(bad.valid === false, 'an invalid template is refused');
  assert(codes.includes('variable.not_sequential'), `a gap is variable.not_sequential (got ${codes})`);
  assert(codes.includes('footer.has_variables'), `a footer variable is footer.has_variables (got ${codes})`);
  return `templates: valid definition accepted, invalid one refused with ${codes.join(', ')}`;
}

/** A Cloud API delivery signed like Meta does, verified, tampered with, and parsed. */
async function checkWebhooks() {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: SMOKE.phoneNumberId },
              contacts: [{ profile: { name: 'Ana' }, wa_id: '447700900123' }],
              messages: [
                {
                  from: '447700900123',
                  id: 'wamid.INBOUND-1',
                  timestamp: '1750000000',
                  type: 'text',
                  text: { body: 'Olá 👋' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const headers = await signWebhookForTest('meta', body, SMOKE.appSecret);
  const ok = await verifyWebhook('meta', { rawBody: body, headers, appSecret: SMOKE.appSecret });
  assert(ok.valid === true, `the signed delivery verifies (${JSON.stringify(ok)})`);
  const tampered = await verifyWebhook('meta', {
    rawBody: body.replace('Ana', 'Eve'),
    headers,
    appSecret: SMOKE.appSecret,
  });
  assert(tampered.valid === false && tampered.reason === 'signature_mismatch', 'a tampered body is refused');
  const events = parseWebhook('meta', body);
  assert(events.length === 1, `one event (got ${events.length})`);
  const [event] = events;
  assert(event.kind === 'message' && event.type === 'text', `a text message event (got ${event.kind})`);
  assert(event.text === 'Olá 👋', 'the text survives as UTF-8');
  assert(event.from.replace('+', '') === '447700900123', `from (got ${event.from})`);
  assert(event.timestamp.getTime() === 1_750_000_000_000, 'unix seconds become a Date');
  assert(
    WebhookEventSchema.safeParse(event).success,
    'the event matches WebhookEventSchema (waba-kit/webhooks/schema)',
  );
  const vonageBody = '{"message_uuid":"aaaaaaaa-0000-4000-8000-000000000001","status":"delivered"}';
  const signed = await signWebhookForTest('nexmo', vonageBody, SMOKE.appSecret);
  const vonage = await verifyWebhook('nexmo', {
    rawBody: vonageBody,
    headers: signed,
    signatureSecret: SMOKE.appSecret,
  });
  assert(vonage.valid === true, `the Vonage HS256 token verifies (${JSON.stringify(vonage)})`);
  const forged = await verifyWebhook('nexmo', {
    rawBody: vonageBody,
    headers: signed,
    signatureSecret: `${SMOKE.appSecret}-other`,
  });
  assert(forged.valid === false && forged.reason === 'signature_mismatch', 'another secret is refused');
  return 'webhooks: Meta X-Hub-Signature-256 and a Vonage HS256 token verified, tampering refused, message parsed and schema-checked';
}

/** Sends one text through MetaCloudClient to the harness's fake Cloud API on 127.0.0.1. */
async function checkSend(baseUrl) {
  const client = new MetaCloudClient({
    accessToken: SMOKE.accessToken,
    phoneNumberId: SMOKE.phoneNumberId,
    apiVersion: SMOKE.apiVersion,
    baseUrl,
    maxRetries: 0,
  });
  const result = await client.sendText(SMOKE.to, SMOKE.text);
  assert(result.messageId === SMOKE.wamid, `messageId from the response (got ${result.messageId})`);
  assert(result.provider === 'meta', 'provider meta');
  const printed = JSON.stringify(client);
  assert(!printed.includes(SMOKE.accessToken), 'the access token never appears in JSON.stringify(client)');
  return `send: MetaCloudClient.sendText through fetch to ${new URL(baseUrl).host}`;
}

/** Runs every check; resolves with `{ ok, runtime, checks, error? }` and never throws. */
export async function runSmoke({ baseUrl, runtime }) {
  const checks = [];
  try {
    checks.push(await checkJwt());
    checks.push(await checkTemplates());
    checks.push(await checkWebhooks());
    checks.push(await checkSend(baseUrl));
    return { ok: true, runtime, checks };
  } catch (error) {
    return { ok: false, runtime, checks, error: String(error?.stack ?? error) };
  }
}
