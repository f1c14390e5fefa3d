/**
 * ky, behind a named export, for the HTTP layer's dynamic `import('./ky.js')` on a client's first request (see
 * ./http.ts). A named export, not `default`: in the CommonJS build the dynamic import loads a CommonJS chunk, whose
 * `default` is the whole `module.exports`, while named exports come through as they are.
 * @internal
 */
export { default as ky } from 'ky';
