// End to end in headless Chromium: a citizen types a name into the header search
// box of a news page, sees results with the words highlighted, and opens one.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { launchChromium, localOnly } from './chromium.mjs';
import { serve } from './serve.mjs';

const OUT = process.env.BAUCU_OUT;

describe('search in the browser', { skip: !OUT && 'BAUCU_OUT is not set' }, () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await serve(path.join(OUT, 'quang-ninh'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await localOnly(page, (url) => url.startsWith(server.url));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('types into the header box, sees results, opens one', async () => {
    await page.goto(`${server.url}/tin-tuc/`);
    // The header's box, found by its accessible name as a screen reader finds it.
    const box = page.getByRole('searchbox', { name: 'Tìm kiếm trên cổng thông tin' });
    await box.fill('nguyen thi hong hanh');
    await box.press('Enter');
    await page.waitForURL(/\/tim-kiem\/\?q=nguyen/);
    const first = page.locator('#search-results li a').first();
    await first.waitFor({ timeout: 15_000 });
    assert.equal((await first.textContent()).trim(), 'Nguyễn Thị Hồng Hạnh');
    assert.ok((await page.locator('#search-results li').first().locator('mark').count()) >= 4, 'matched words highlighted');
    assert.match(await page.locator('#search-status').textContent(), /kết quả/);
    await first.click();
    await page.waitForURL(/\/ung-cu-vien\/nguyen-thi-hong-hanh-1976\/$/);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Nguyễn Thị Hồng Hạnh');
  });

  it('searches as the user types, keeps the query and facets in the URL, works by keyboard', async () => {
    await page.goto(`${server.url}/tim-kiem/`);
    await page.locator('#q').focus();
    await page.keyboard.type('ha long', { delay: 20 });
    await page.locator('#search-results li').first().waitFor({ timeout: 15_000 });
    await page.click('#search-filters summary');
    await page.selectOption('#kind', 'u');
    await page.waitForFunction(() => {
      const links = [...document.querySelectorAll('#search-results li a')];
      return links.length > 0 && links.every((a) => a.getAttribute('href').startsWith('/don-vi-bau-cu/'));
    });
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'ha long');
    const hrefs = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('/don-vi-bau-cu/')), hrefs.join(' '));
    // A shared URL shows the same results.
    await page.goto(url.href);
    await page.locator('#search-results li').first().waitFor({ timeout: 15_000 });
    assert.equal(await page.inputValue('#q'), 'ha long');
    assert.equal(await page.inputValue('#kind'), 'u');
    // A shared URL with a facet opens the filters; Tab from the search box reaches them.
    assert.equal(await page.evaluate(() => document.getElementById('search-filters').open), true);
    await page.locator('#q').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'kind');
  });

  it('without JavaScript, the header search lands on a page that says so and links what works', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    try {
      const plain = await context.newPage();
      await localOnly(plain, (url) => url.startsWith(server.url));
      await plain.goto(`${server.url}/tin-tuc/`);
      const headerBox = plain.getByRole('searchbox', { name: 'Tìm kiếm trên cổng thông tin' });
      await headerBox.fill('co to');
      await headerBox.press('Enter');
      await plain.waitForURL(/\/tim-kiem\/\?q=co\+to$/);
      // The message comes before the form, and names the pages that need no script.
      const note = plain.locator('main .note').first();
      assert.match(await note.textContent(), /JavaScript/);
      const box = await note.boundingBox();
      const form = await plain.locator('#search-form').boundingBox();
      assert.ok(box && form && box.y < form.y, 'the message is above the form');
      const hrefs = await note.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs, ['/tra-cuu/', '/ung-cu-vien/', '/ket-qua/', '/tin-tuc/', '/hoi-dap/']);
      // The query stays in the address, and the lookup it points to answers it.
      assert.equal(new URL(plain.url()).searchParams.get('q'), 'co to');
      await note.locator('a').first().click();
      await plain.waitForURL(/\/tra-cuu\/$/);
      assert.equal(await plain.locator('#dac-khu-co-to-7192').count(), 1);
    } finally {
      await context.close();
    }
  });
});
