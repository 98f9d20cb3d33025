// End to end, as an editor works: `baucu serve` on a copy of the sample project, a
// news page open in headless Chromium, the news file edited on disk: the page reloads
// by itself and shows the edit. A mistake shows the error overlay on the open page;
// fixing it reloads the page without the overlay.
//
// The binary: BAUCU_BIN, else target/release/baucu; skipped when it is not there
// (scripts/test.sh builds it and sets BAUCU_BIN).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { launchChromium, localOnly } from './chromium.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.BAUCU_BIN || path.join(REPO, 'target/release/baucu');
const SKIP = !existsSync(BIN) && `no baucu binary at ${BIN} (build it, or set BAUCU_BIN)`;

const NEWS = 'content/quang-ninh/news/2026-03-15-cu-tri-quang-ninh-di-bau-cu.md';
const NEWS_URL = '/tin-tuc/cu-tri-quang-ninh-di-bau-cu/';
const OLD_TITLE = 'Cử tri Quảng Ninh nô nức đi bầu cử';
const NEW_TITLE = 'Cử tri Quảng Ninh đi bầu từ sáng sớm';
const WAIT = 30_000;

/** Starts `baucu serve` on `root`; resolves with the child and the province URLs. */
function startServe(root) {
  const child = spawn(BIN, ['serve', '--root', root, '--port', '0', '--lang', 'en'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const urls = {};
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baucu serve did not start:\n${log}`)), 180_000);
    child.once('exit', (code) => reject(new Error(`baucu serve exited (${code}):\n${log}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [province, url] = line.trim().split(/\s+/);
      if (url?.startsWith('http://127.0.0.1:')) urls[province] = url.replace(/\/$/, '');
      if (line.startsWith('Watching')) {
        clearTimeout(timer);
        resolve({ child, urls, log: () => log });
      }
    });
  });
}

describe('baucu serve in the browser', { skip: SKIP }, () => {
  let root;
  let serve;
  let browser;
  let page;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'baucu-serve-e2e-'));
    copyFileSync(path.join(REPO, 'baucu.yaml'), path.join(root, 'baucu.yaml'));
    cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
    cpSync(path.join(REPO, 'themes'), path.join(root, 'themes'), { recursive: true });
    serve = await startServe(root);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const base = serve.urls['quang-ninh'];
    await localOnly(page, (url) => url.startsWith(base));
  });

  after(async () => {
    await browser?.close();
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** Waits until the open page's live-reload stream is connected. */
  const connected = () => page.waitForSelector('html[data-baucu-live=open]', { state: 'attached', timeout: WAIT });

  it('reloads the open page by itself when its news file is saved', async () => {
    const base = serve.urls['quang-ninh'];
    await page.goto(base + NEWS_URL);
    assert.equal((await page.locator('h1').textContent()).trim(), OLD_TITLE);
    await connected();
    await page.evaluate(() => {
      window.notReloaded = true;
    });
    const file = path.join(root, NEWS);
    writeFileSync(file, readFileSync(file, 'utf8').replace(OLD_TITLE, NEW_TITLE));
    await page.waitForFunction(
      (title) => document.querySelector('h1')?.textContent.trim() === title,
      NEW_TITLE,
      { timeout: WAIT },
    );
    assert.equal(await page.evaluate(() => window.notReloaded), undefined, 'the page was reloaded');
    assert.equal(await page.title().then((t) => t.startsWith(NEW_TITLE)), true);
  });

  it('shows a mistake on the open page and clears it when fixed', async () => {
    await connected();
    const yaml = path.join(root, 'content/quang-ninh/province.yaml');
    const good = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, good.replace('name:\n', 'name: [\n'));
    const overlay = page.locator('#baucu-overlay[role=alert]');
    await overlay.waitFor({ state: 'visible', timeout: WAIT });
    assert.match(await overlay.locator('.baucu-place').first().textContent(), /^content\/quang-ninh\/province\.yaml:\d+/);
    // The last good page is still there under it.
    assert.equal((await page.locator('h1').textContent()).trim(), NEW_TITLE);
    writeFileSync(yaml, good);
    await overlay.waitFor({ state: 'detached', timeout: WAIT });
    await connected();
    assert.equal((await page.locator('h1').textContent()).trim(), NEW_TITLE);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise((resolve) => serve.child.once('exit', (code) => resolve(code)));
    serve.child.kill('SIGTERM');
    assert.equal(await exited, 0, serve.log());
  });
});
