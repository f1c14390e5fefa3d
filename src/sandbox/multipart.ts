/**
 * A `multipart/form-data` reader for the sandbox's upload endpoint (RFC 7578): splits the raw body on the
 * boundary of the request's `Content-Type` and returns each part's name, filename, type and bytes. One pass with
 * `Buffer.indexOf`, linear in the body.
 * @module
 */

/** One part of a multipart body. */
export interface FormPart {
  name: string;
  filename?: string | undefined;
  contentType?: string | undefined;
  data: Buffer;
}

/** The boundary of a `multipart/form-data` content type, or `undefined` when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The parts of `body`, or `undefined` when it is not well-formed multipart with `boundary`. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 2).toString() === '--') return parts;
    const headStart = body.indexOf('\r\n', after) + 2;
    const headEnd = body.indexOf('\r\n\r\n', headStart);
    if (headStart < 2 || headEnd < 0) return undefined;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) return undefined;
    const headers = body.subarray(headStart, headEnd).toString('utf8').split('\r\n');
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const type = headers.find((h) => /^content-type:/i.test(h));
    parts.push({
      name,
      filename,
      contentType: type ? type.slice(type.indexOf(':') + 1).trim() : undefined,
      data: body.subarray(headEnd + 4, next),
    });
    at = next + 2;
  }
}
