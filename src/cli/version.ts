/** The package version, read from package.json at build time (bundled, so no file is read at run time). */
import pkg from '../../package.json' with { type: 'json' };

/** The version of waba-kit this command belongs to. */
export const version: string = pkg.version;
