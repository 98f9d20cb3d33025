#!/usr/bin/env node
// Full-page screenshots of a built province portal at phone and desktop widths.
//
//   node scripts/screenshots.mjs <province-dir> <out-dir> [paths…]
//
// e.g. node scripts/screenshots.mjs public/quang-ninh /tmp/shots / /en/ /ket-qua/
// Writes <out-dir>/<name>-360.png and <out-dir>/<name>-1280.png for each path
// (name: the path with "/" turned into "_", "home" for "/"). Needs the browser
// test packages (`npm ci` in tests/browser, which scripts/test.sh does) and
// /usr/bin/chromium (`apt-get install -y chromium`).

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const browserDir = path.join(here, '..', 'tests', 'browser');

const DEFAULT_PATHS = ['/', '/en/', '/ung-cu-vien/', '/don-vi-bau-cu/quoc-hoi/1/', '/tra-cuu/', '/ket-qua/'];
const WIDTHS = [360, 1280];

const [siteDir, outDir, ...given] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error('usage: node scripts/screenshots.mjs <province-dir> <out-dir> [paths…]');
  console.error(`default paths: ${DEFAULT_PATHS.join(' ')}`);
  process.exit(2);
}
const paths = (given.length ? given : DEFAULT_PATHS).map((p) => (p.startsWith('/') ? p : '/' + p));

// playwright-core lives in tests/browser/node_modules, not next to this script:
// it is resolved from there (tests/browser/chromium.mjs imports it).
try {
  createRequire(path.join(browserDir, 'package.json')).resolve('playwright-core');
} catch {
  console.error(`playwright-core is not installed: run \`npm ci\` in ${browserDir} (scripts/test.sh does)`);
  process.exit(1);
}
const { launchChromium } = await import(pathToFileURL(path.join(browserDir, 'chromium.mjs')).href);
const { serve } = await import(pathToFileURL(path.join(browserDir, 'serve.mjs')).href);

function fileName(p) {
  const name = p.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return name || 'home';
}

mkdirSync(outDir, { recursive: true });
const site = await serve(siteDir);
const browser = await launchChromium();
let failed = 0;
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const p of paths) {
      const file = path.join(outDir, `${fileName(p)}-${width}.png`);
      try {
        const response = await page.goto(site.url + p, { waitUntil: 'load', timeout: 30_000 });
        const status = response ? response.status() : 0;
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${status === 200 ? 'ok ' : `${status}`} ${p} @${width}px → ${file}`);
        if (status !== 200) failed++;
      } catch (err) {
        failed++;
        console.error(`FAILED ${p} @${width}px: ${err.message}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
process.exit(failed ? 1 : 0);
