'use strict';
// Preloaded with `node -r ./extensions.js .../aws-ses-v2-local/dist/cli.js`: adds SES v2 operations the
// emulator lacks, without patching node_modules. Every file in ./extensions exports `(app, express) => void`
// and registers its routes on the emulator's express app before the emulator's own routes (and before its
// 404 catch-all), so extensions parse their own bodies and check their own authorization header.
const fs = require('fs');
const path = require('path');

const emulatorDist = path.dirname(require.resolve('aws-ses-v2-local', { paths: [__dirname] }));
const expressPath = require.resolve('express', { paths: [emulatorDist] });
const express = require(expressPath);
const extensionDir = path.join(__dirname, 'extensions');
const extensions = fs.readdirSync(extensionDir)
  .filter((f) => f.endsWith('.js'))
  .sort()
  .map((f) => require(path.join(extensionDir, f)));

function extendedExpress(...args) {
  const app = express(...args);
  for (const extend of extensions) {
    extend(app, express);
  }
  return app;
}
Object.assign(extendedExpress, express);
require.cache[expressPath].exports = extendedExpress;
