/** The extension's version, recorded in every sidecar's `generator` (kept equal to package.json by a unit test). */
export const VERSION = '0.1.0';
