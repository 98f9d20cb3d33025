// Launch the system Chromium (Debian's `chromium` package) through playwright-core.
// Playwright never downloads a browser here: only playwright-core is installed.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.BAUCU_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run scripts/test.sh (it installs it) ` +
        'or `apt-get update && apt-get install -y chromium`, or set BAUCU_CHROMIUM.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Make `page` refuse every request that does not go to `origin` (the local test
 * server): the portals must be self-contained, and this machine has no internet.
 * Returns the list that collects the refused URLs.
 */
export async function localOnly(page, isLocal) {
  const refused = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  return refused;
}
