// Smoke entry for Cloudflare Workers (workerd): bundled with the built package by the harness and run in
// Miniflare. Any request runs the checks against the server in the SMOKE_BASE_URL binding and answers the JSON
// result.
import { runSmoke } from './smoke-checks.mjs';

export default {
  async fetch(_request, env) {
    const result = await runSmoke({
      baseUrl: env.SMOKE_BASE_URL,
      runtime: `workerd (${navigator.userAgent})`,
    });
    return Response.json(result);
  },
};
