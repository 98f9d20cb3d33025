// Accessibility of built portals, in headless Chromium at phone width.
//
//   BAUCU_OUT=/path/to/public node --test tests/browser/
//
// BAUCU_OUT holds one folder per province (each a site whose root is `/`). For
// each province folder with an index.html, the first URL of each (language,
// page kind) in its sitemap.xml, plus /404.html, is opened at 360×800 and must:
//   - have no axe-core violation of WCAG 2.0/2.1 A and AA;
//   - say <html lang="vi"> (Vietnamese pages) or <html lang="en"> (/en/…);
//   - have exactly one <h1>;
//   - have a skip link: the first focusable element is an a[href^="#"] whose
//     target exists.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { launchChromium, localOnly } from './chromium.mjs';
import { serve } from './serve.mjs';
import { pickPages, readSitemap } from './sitemap.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORT = { width: 360, height: 800 };
const PAGE_TIMEOUT_MS = 60_000;

const OUT = process.env.BAUCU_OUT;

function provincesIn(out) {
  return readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(out, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}

function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  - ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`);
    for (const target of v.nodes.slice(0, 3)) lines.push(`      ${target}`);
    if (v.nodes.length > 3) lines.push(`      … and ${v.nodes.length - 3} more`);
    lines.push(`      ${v.helpUrl}`);
  }
  return lines;
}

if (!OUT) {
  it('a11y of built portals', { skip: 'BAUCU_OUT is not set (BAUCU_OUT=<dir of province folders> node --test tests/browser/)' }, () => {});
} else {
  const out = path.resolve(OUT);
  const provinces = existsSync(out) ? provincesIn(out) : [];

  describe(`a11y of ${out}`, () => {
    let browser;
    let page;
    // Collected per page, reset before each visit.
    let pageErrors = [];
    let refused = [];

    before(async () => {
      browser = await launchChromium();
      const context = await browser.newContext({
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        reducedMotion: 'reduce',
        serviceWorkers: 'block',
      });
      page = await context.newPage();
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (err) => pageErrors.push(String(err && err.message)));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`);
      });
      refused = await localOnly(page, (url) => url.startsWith('http://127.0.0.1:'));
    });

    after(async () => {
      await browser?.close();
    });

    it('BAUCU_OUT holds at least one province (a folder with index.html)', () => {
      assert.ok(existsSync(out), `${out} does not exist`);
      assert.ok(provinces.length > 0, `no folder of ${out} has an index.html`);
    });

    for (const province of provinces) {
      const dir = path.join(out, province);
      let sitemap = null;
      let sitemapError = null;
      try {
        sitemap = readSitemap(dir);
      } catch (err) {
        sitemapError = err;
      }
      const picked = sitemap ? pickPages(dir, sitemap.paths) : { pages: [], unknown: [], missing: [] };

      describe(province, () => {
        let site;
        before(async () => {
          site = await serve(dir);
        });
        after(async () => {
          await site?.close();
        });

        it('sitemap.xml lists the pages', (t) => {
          if (sitemapError) throw sitemapError;
          t.diagnostic(`${sitemap.paths.length} URLs under ${sitemap.base}; checking ${picked.pages.length} pages`);
          if (picked.unknown.length)
            t.diagnostic(`URLs matching no page kind of the URL table: ${picked.unknown.slice(0, 10).join(', ')}${picked.unknown.length > 10 ? ', …' : ''}`);
          if (picked.missing.length) t.diagnostic(`page kinds absent from the sitemap: ${picked.missing.join(', ')}`);
          assert.ok(picked.pages.length > 0, 'no page of the sitemap could be classified');
        });

        for (const pg of picked.pages) {
          it(`${pg.lang} ${pg.kind} ${pg.path}`, { timeout: PAGE_TIMEOUT_MS }, async (t) => {
            pageErrors = [];
            refused.length = 0;
            const problems = [];

            const response = await page.goto(site.url + pg.path, { waitUntil: 'load' });
            const status = response ? response.status() : 0;
            if (status !== 200) problems.push(`HTTP status ${status} (expected 200)`);

            // 1. axe-core, WCAG 2.0/2.1 A and AA
            await page.addScriptTag({ path: AXE_PATH });
            const violations = await page.evaluate(async (tags) => {
              // eslint-disable-next-line no-undef
              const r = await axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations'],
              });
              return r.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => n.target.map((s) => (Array.isArray(s) ? s.join(' >> ') : s)).join(' | ')),
              }));
            }, AXE_TAGS);
            if (violations.length) {
              problems.push(`${violations.length} axe violation${violations.length === 1 ? '' : 's'}:`);
              problems.push(...formatViolations(violations));
            }

            // 2. <html lang>, one <h1>
            const doc = await page.evaluate(() => ({
              lang: document.documentElement.getAttribute('lang'),
              h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)),
            }));
            if (doc.lang !== pg.lang) problems.push(`<html lang="${doc.lang ?? ''}">, expected lang="${pg.lang}"`);
            if (doc.h1s.length !== 1)
              problems.push(`${doc.h1s.length} <h1> elements, expected exactly 1${doc.h1s.length ? ': ' + doc.h1s.map((h) => JSON.stringify(h)).join(', ') : ''}`);

            // 3. skip link: the first Tab stop is a[href^="#"] with an existing target
            await page.evaluate(() => {
              if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
              window.scrollTo(0, 0);
            });
            await page.keyboard.press('Tab');
            const skip = await page.evaluate(() => {
              const el = document.activeElement;
              if (!el || el === document.body || el === document.documentElement) return { found: false, what: 'nothing takes focus' };
              const what = el.outerHTML.replace(/\s+/g, ' ').slice(0, 120);
              if (!el.matches('a[href^="#"]')) return { found: false, what };
              const raw = el.getAttribute('href').slice(1);
              let id = raw;
              try {
                id = decodeURIComponent(raw);
              } catch {}
              const target = id ? document.getElementById(id) || document.getElementsByName(id)[0] : null;
              return { found: true, what, href: '#' + raw, targetExists: Boolean(target) };
            });
            if (!skip.found) problems.push(`no skip link: the first focusable element is ${skip.what}`);
            else if (!skip.targetExists) problems.push(`skip link ${skip.what} points to ${skip.href}, which is not in the page`);

            if (pageErrors.length) t.diagnostic(`script errors: ${pageErrors.slice(0, 3).join(' | ')}`);
            if (refused.length) t.diagnostic(`refused requests to other hosts: ${[...new Set(refused)].slice(0, 3).join(', ')}`);

            if (problems.length) {
              assert.fail(`${province}${pg.path} (${pg.lang} ${pg.kind}):\n${problems.map((p) => (p.startsWith('  ') ? p : '  ' + p)).join('\n')}`);
            }
          });
        }
      });
    }
  });
}
