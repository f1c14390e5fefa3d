/**
 * The parts of jose the package uses, in one module that is imported dynamically (`await import('./jose.js')`)
 * on first use: importing jose at load costs tens of milliseconds of cold start (its module graph), which an app
 * that only sends, or only signs application JWTs (done on `crypto.subtle` directly), should not pay. A dynamic
 * `import('jose')` would make bundlers keep all of jose; importing this module keeps only these names.
 * @internal
 */
export { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
