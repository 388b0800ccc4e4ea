// Modules of the web suite's bundle (scripts/build.mjs) that TypeScript cannot see on its own.

/** mocha's browser build (UMD): the `mocha` instance, with setup() and a run() that needs no file system. */
declare module 'mocha/mocha.js' {
  import type Mocha from 'mocha';
  const mocha: Mocha & { setup(options: Mocha.MochaOptions): Mocha };
  export default mocha;
}

/** Made by the build: the spec files under test/web, and a function that loads them (they call suite()/test()). */
declare module 'web-specs' {
  export const specFiles: string[];
  export function loadSpecs(): void;
}
