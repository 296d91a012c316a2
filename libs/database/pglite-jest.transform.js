/**
 * Jest transform for PGlite's CommonJS build. Jest runs CommonJS test code in a vm context where
 * dynamic import() throws unless Node runs with --experimental-vm-modules, and PGlite loads Node
 * built-ins (fs/promises, zlib, node:module…) with import(). Every such call in PGlite names a
 * built-in literally, so it is rewritten to an equivalent require. The module's own require is kept
 * under another name first: Emscripten's glue declares a `var require` that shadows it inside functions.
 */
const { createHash } = require('node:crypto');

const DYNAMIC_IMPORT = /\bimport\((["'])([^"']+)\1\)/g;

module.exports = {
  process(source) {
    const code = source.replace(DYNAMIC_IMPORT, (_, quote, specifier) => `Promise.resolve().then(() => __jestRequire(${quote}${specifier}${quote}))`);
    return { code: `const __jestRequire = require;${code}` };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update('pglite-jest-transform-2').update(filename).update(source).digest('hex');
  },
};
