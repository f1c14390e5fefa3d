// Constants shared by the runtime smoke checks and the harness's fake Cloud API.

/** Shared with the harness's fake Cloud API: what the client must send, and what the server answers. */
export const SMOKE = {
  accessToken: 'EAAsmoke0000runtime0smoke0access0token0for0tests',
  phoneNumberId: '1234567890',
  apiVersion: 'v23.0',
  to: '+447700900123',
  text: 'waba-kit runtime smoke',
  wamid: 'wamid.SMOKE-OK',
  applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  appSecret: 'smoke-app-secret',
};
