// Built portals on a 360 px phone (issue 22), in headless Chromium:
//
//   BAUCU_OUT=/path/to/public node --test tests/browser/phone.test.mjs
//
// - every page kind of the sitemap, in both languages, at 360×800: the document is
//   no wider than the viewport and no visible element reaches past it, except
//   inside a labelled scroll region (role=region, a label, tabindex=0);
// - the lookup's filter box narrows the communes as the user types, without tone
//   marks or with them ("ba che", "dong trieu", "Đông Triều"); without JavaScript
//   the box stays hidden, every commune shows and the #commune anchors still work;
// - the candidate list folds each unit (closed <details>: a short page); the filter
//   narrows to a name typed without tone marks and opens the units that match;
//   without JavaScript a unit's summary opens it;
// - the Menu button opens the navigation with JavaScript off; on a wide screen the
//   links show without it;
// - the results page: each unit a card, the elected first, turnout and shares on
//   screen.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { launchChromium, localOnly } from './chromium.mjs';
import { serve } from './serve.mjs';
import { pickPages, readSitemap } from './sitemap.mjs';

const OUT = process.env.BAUCU_OUT;
const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

/** The folding filter.js applies: no tone marks, đ → d, lower case, words. */
function words(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function provincesIn(out) {
  return readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(out, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}

/** What reaches past the viewport's sides, outside labelled scroll regions. */
function overflowReport() {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const unlabelled = [];
  const scrollerOf = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return p;
    }
    return null;
  };
  const describe = (el) =>
    el.tagName.toLowerCase() +
    (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ` “${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}”`;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.position === 'fixed') continue;
    // The visually hidden (.vh): one pixel, clipped.
    if (r.width <= 1 && r.height <= 1) continue;
    if (r.right <= vw + 0.5 && r.left >= -0.5) continue;
    const scroller = scrollerOf(el);
    if (scroller) {
      const labelled =
        scroller.getAttribute('role') === 'region' &&
        scroller.getAttribute('tabindex') === '0' &&
        (scroller.hasAttribute('aria-label') || scroller.hasAttribute('aria-labelledby'));
      const box = scroller.getBoundingClientRect();
      if (box.right <= vw + 0.5 && box.left >= -0.5 && (labelled || s.overflowX === 'hidden' || scroller.closest('.vh'))) continue;
      if (!labelled) unlabelled.push(describe(scroller));
    }
    out.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
  }
  // A region that scrolls sideways keeps its rows' first column (their names) in
  // sight at either end.
  const hidden = [];
  for (const region of document.querySelectorAll('[role="region"]')) {
    if (region.scrollWidth <= region.clientWidth + 1) continue;
    const before = region.scrollLeft;
    for (const end of [0, region.scrollWidth]) {
      region.scrollLeft = end;
      const box = region.getBoundingClientRect();
      for (const row of region.querySelectorAll('tbody tr')) {
        const first = row.cells[0];
        if (!first) continue;
        const r = first.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
          hidden.push(`${describe(first)} leaves its scroll region when scrolled ${end ? 'to the end' : 'back'}`);
          break;
        }
      }
    }
    region.scrollLeft = before;
  }
  out.push(...hidden.slice(0, 4));
  return {
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    overflowing: out.slice(0, 8),
    count: out.length,
    unlabelled: [...new Set(unlabelled)].slice(0, 3),
  };
}

/** The lookup's rows as shown: name and whether it is visible. */
function lookupRows() {
  return [...document.querySelectorAll('table.lookup tbody tr')].map((tr) => ({
    id: tr.id,
    name: tr.querySelector('th').textContent.trim(),
    visible: tr.getClientRects().length > 0 && getComputedStyle(tr).display !== 'none',
  }));
}

if (!OUT) {
  it('phones', { skip: 'BAUCU_OUT is not set (BAUCU_OUT=<dir of province folders> node --test tests/browser/)' }, () => {});
} else {
  const out = path.resolve(OUT);
  const provinces = existsSync(out) ? provincesIn(out) : [];

  describe(`phones: ${out}`, () => {
    let browser;
    const contexts = {};
    const pages = {};

    before(async () => {
      browser = await launchChromium();
      for (const [name, options] of Object.entries({
        phone: { viewport: PHONE },
        phoneNoJs: { viewport: PHONE, javaScriptEnabled: false },
        desktop: { viewport: DESKTOP },
        desktopNoJs: { viewport: DESKTOP, javaScriptEnabled: false },
      })) {
        contexts[name] = await browser.newContext({ deviceScaleFactor: 1, reducedMotion: 'reduce', ...options });
        pages[name] = await contexts[name].newPage();
        pages[name].setDefaultTimeout(30_000);
        await localOnly(pages[name], (url) => url.startsWith('http://127.0.0.1:'));
      }
    });

    after(async () => {
      await browser?.close();
    });

    for (const province of provinces) {
      const dir = path.join(out, province);
      const picked = pickPages(dir, readSitemap(dir).paths);
      const pathOf = (lang, kind) => picked.pages.find((p) => p.lang === lang && p.kind === kind)?.path;
      // `_national`: the national portal (README, "National portal").
      const national = province.startsWith('_');

      describe(province, () => {
        let site;
        before(async () => {
          site = await serve(dir);
        });
        after(async () => {
          await site?.close();
        });

        it('every page kind, both languages, fits 360 px: no sideways scrolling, nothing cut off', { timeout: 300_000 }, async () => {
          const problems = [];
          for (const pg of picked.pages) {
            for (const name of ['phone', 'phoneNoJs']) {
              const page = pages[name];
              await page.goto(site.url + pg.path, { waitUntil: 'load' });
              const r = await page.evaluate(overflowReport);
              const where = `${pg.lang} ${pg.kind} ${pg.path}${name === 'phoneNoJs' ? ' (no JavaScript)' : ''}`;
              if (r.scrollWidth > r.viewport || r.bodyScrollWidth > r.viewport)
                problems.push(`${where}: ${r.scrollWidth} px wide in a ${r.viewport} px viewport`);
              if (r.count) problems.push(`${where}: ${r.count} element(s) past the edge: ${r.overflowing.join('; ')}`);
              if (r.unlabelled.length) problems.push(`${where}: scroll region without role=region, label and tabindex=0: ${r.unlabelled.join('; ')}`);
            }
          }
          assert.deepEqual(problems, []);
        });

        it('the mobile header is compact and its Menu button opens the navigation without JavaScript', async () => {
          const page = pages.phoneNoJs;
          await page.goto(site.url + '/', { waitUntil: 'load' });
          const header = await page.locator('body > header').boundingBox();
          assert.ok(header.height <= 160, `the header takes ${header.height} of 800 px`);
          // Nothing in the header hides behind the button, in either language.
          for (const url of ['/', pathOf('en', 'home'), pathOf('en', 'search')].filter(Boolean)) {
            await page.goto(site.url + url, { waitUntil: 'load' });
            const overlaps = await page.evaluate(() => {
              const button = document.querySelector('body > header details > summary').getBoundingClientRect();
              return [...document.querySelectorAll('body > header .head a, body > header .head input, body > header .head button, body > header .head small')]
                .filter((el) => {
                  const r = el.getBoundingClientRect();
                  return r.width && r.left < button.right && r.right > button.left && r.top < button.bottom && r.bottom > button.top;
                })
                .map((el) => el.textContent.trim() || el.tagName);
            });
            assert.deepEqual(overlaps, [], `${url}: under the Menu button`);
          }
          await page.goto(site.url + '/', { waitUntil: 'load' });
          const firstLink = page.locator('body > header details a').first();
          assert.equal(await firstLink.isVisible(), false, 'the links are folded away at first');
          const button = page.locator('body > header details > summary');
          assert.ok(await button.isVisible(), 'a Menu button');
          await button.click();
          assert.equal(await page.locator('body > header details').getAttribute('open'), '', 'the <details> opened');
          const links = page.locator('body > header details a');
          const n = await links.count();
          // The national portal's menu has four sections; a province's, ten.
          assert.ok(n >= 4, `${n} links`);
          for (let i = 0; i < n; i++) assert.ok(await links.nth(i).isVisible(), `link ${i} shows`);
          await page.goto(site.url + '/', { waitUntil: 'load' });
          await page.keyboard.press('Tab'); // skip link
          await button.focus();
          await page.keyboard.press('Enter');
          assert.ok(await firstLink.isVisible(), 'the keyboard opens it too');
          await page.keyboard.press('Enter');
          assert.equal(await firstLink.isVisible(), false, 'and closes it');
        });

        it('on a wide screen the navigation shows without a button, with or without JavaScript', async () => {
          for (const name of ['desktop', 'desktopNoJs']) {
            const page = pages[name];
            await page.goto(site.url + '/en/', { waitUntil: 'load' });
            assert.equal(await page.locator('body > header details > summary').isVisible(), false, name);
            const links = page.locator('body > header details a');
            const n = await links.count();
            for (let i = 0; i < n; i++) assert.ok(await links.nth(i).isVisible(), `${name}: link ${i} shows`);
          }
        });

        for (const lang of ['vi', 'en']) {
          it(`${lang} lookup: the filter narrows the communes, tone marks or not`, async (t) => {
            if (national) return t.skip('the national portal has no lookup page');
            const url = pathOf(lang, 'lookup');
            assert.ok(url, 'the sitemap lists the lookup page');
            const page = pages.phone;
            await page.goto(site.url + url, { waitUntil: 'load' });
            const box = page.locator('.filter input[type="search"]');
            assert.ok(await box.isVisible(), 'the filter box shows with JavaScript');
            const all = await page.evaluate(lookupRows);
            if (all.length < 2) return t.skip('fewer than two communes');
            // Queries: the sample's "ba che" and "dong trieu" where the province has
            // them, with and without tone marks, and a name of each portal typed bare.
            const queries = [];
            for (const q of ['ba che', 'dong trieu', 'Ba Chẽ', 'ĐÔNG TRIỀU', 'dongtrieu']) {
              const wanted = all.filter((r) => words(q).every((w) => words(r.name).includes(w)) || words(r.name).join('').includes(words(q).join('')));
              if (wanted.length) queries.push({ q, wanted });
            }
            if (province === 'quang-ninh') assert.equal(queries.length, 5, 'Quảng Ninh has Ba Chẽ and Đông Triều');
            const accented = all.find((r) => /[^\x00-\x7f]/.test(r.name.split(' ').slice(-1)[0]));
            if (accented) {
              const bare = words(accented.name).slice(-2).join(' ');
              queries.push({ q: bare, wanted: [accented] });
            }
            for (const { q, wanted } of queries) {
              await box.fill(q);
              const rows = await page.evaluate(lookupRows);
              const shown = rows.filter((r) => r.visible);
              for (const w of wanted)
                assert.ok(shown.some((r) => r.id === w.id), `“${q}” shows ${w.name}; shown: ${shown.map((r) => r.name).join(', ')}`);
              assert.ok(shown.length < rows.length, `“${q}” narrows the list (${shown.length} of ${rows.length})`);
              for (const r of shown) {
                const name = words(r.name);
                const typed = words(q);
                const ok =
                  typed.every((w) => name.some((n) => n.startsWith(w))) ||
                  name.some((_, i) => name.slice(i).join('').startsWith(typed.join('')));
                assert.ok(ok, `“${q}” shows ${r.name}, which does not match`);
              }
              const status = await page.locator('.filter [role="status"]').textContent();
              assert.match(status, new RegExp(`\\b${shown.length}\\b`), `the status says how many: ${status}`);
              // Each match is a card with its unit at every level, linked.
              if (shown.length) {
                const card = await page.evaluate((id) => {
                  const tr = document.getElementById(id);
                  const r = tr.getBoundingClientRect();
                  return {
                    width: r.width,
                    links: [...tr.querySelectorAll('td a')].filter((a) => a.getClientRects().length).length,
                    labels: [...tr.querySelectorAll('td[data-label]')].map((td) => getComputedStyle(td, '::before').content),
                  };
                }, shown[0].id);
                assert.ok(card.width <= PHONE.width, `the card is ${card.width} px wide`);
                assert.ok(card.labels.every((c) => c && c !== 'none' && c !== '""'), `each level is labelled: ${card.labels}`);
              }
            }
            await box.fill('zzqq');
            assert.equal((await page.evaluate(lookupRows)).filter((r) => r.visible).length, 0, 'nothing for a name that is not there');
            assert.match(await page.locator('.filter [role="status"]').textContent(), /zzqq/);
            await box.fill('');
            assert.equal((await page.evaluate(lookupRows)).filter((r) => r.visible).length, all.length, 'an empty box shows all again');
          });

          it(`${lang} lookup without JavaScript: the whole list, no box, the #commune anchors work`, async (t) => {
            if (national) return t.skip('the national portal has no lookup page');
            const url = pathOf(lang, 'lookup');
            const page = pages.phoneNoJs;
            await page.goto(site.url + url, { waitUntil: 'load' });
            assert.equal(await page.locator('.filter').isVisible(), false, 'no box that would do nothing');
            const rows = await page.evaluate(lookupRows);
            assert.ok(rows.length > 0);
            assert.ok(rows.every((r) => r.visible), 'every commune shows');
            assert.ok(rows.every((r) => r.id), 'every commune has its anchor');
            const last = rows[rows.length - 1];
            await page.goto(site.url + url + '#' + last.id, { waitUntil: 'load' });
            const target = await page.evaluate(() => {
              const el = document.querySelector(':target');
              if (!el) return null;
              const r = el.getBoundingClientRect();
              return { id: el.id, top: r.top, bottom: r.bottom };
            });
            assert.ok(target, 'the anchor is a target');
            assert.equal(target.id, last.id);
            assert.ok(target.top >= -1 && target.top < PHONE.height, `scrolled to it (top ${target.top})`);
          });
        }

        it('candidates: folded by unit, the filter opens the units that match a name typed without tone marks', async (t) => {
          const url = pathOf('vi', 'candidates');
          const page = pages.phone;
          await page.goto(site.url + url, { waitUntil: 'load' });
          if ((await page.locator('main table').count()) === 0) return t.skip('no candidate list yet');
          const names = await page.$$eval('#candidate-list tbody th a', (as) => as.map((a) => a.textContent.trim()));
          assert.ok(names.length >= 2, 'the candidates are in #candidate-list, which the filter narrows');
          const groups = await page.$$eval('#candidate-list .fg', (gs) => gs.length);
          assert.ok(groups >= 1, 'candidates are grouped by unit');
          const openGroups = () => page.$$eval('#candidate-list details.fg', (ds) => ds.filter((d) => d.open).map((d) => d.id));
          const visibleRows = () =>
            page.$$eval('#candidate-list tbody tr', (trs) =>
              // checkVisibility: false inside a closed <details> (its content is not rendered) and when hidden.
              trs.filter((tr) => tr.checkVisibility()).map((tr) => tr.querySelector('th a').textContent.trim()),
            );
          const folded = groups > 1;
          if (folded) {
            assert.deepEqual(await openGroups(), [], 'every unit starts folded: the page is short');
            assert.deepEqual(await visibleRows(), [], 'no row is laid out until its unit opens');
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            assert.ok(height < 6000, `the folded list is short on a phone (${height} px)`);
          }
          const name = names.find((n) => /[^\x00-\x7f]/.test(n)) ?? names[0];
          const q = words(name).join(' ');
          await page.locator('#candidate-filter').fill(q);
          const shown = await visibleRows();
          assert.ok(shown.includes(name), `“${q}” shows ${name} (its unit opens)`);
          assert.ok(shown.length < names.length, `and narrows the list: ${shown.length} of ${names.length}`);
          const visibleGroups = await page.$$eval('#candidate-list .fg', (gs) => gs.filter((g) => g.getClientRects().length).length);
          assert.ok(visibleGroups < groups || groups === 1, 'units without a match fold away');
          await page.locator('#candidate-filter').fill('');
          if (folded) assert.deepEqual(await openGroups(), [], 'emptying the box folds the units back as they were');
          assert.equal((await visibleRows()).length, folded ? 0 : names.length);
        });

        it('candidates without JavaScript: every candidate is in the page, a unit opens with its summary', async (t) => {
          const url = pathOf('vi', 'candidates');
          const page = pages.phoneNoJs;
          await page.goto(site.url + url, { waitUntil: 'load' });
          if ((await page.locator('main table').count()) === 0) return t.skip('no candidate list yet');
          assert.equal(await page.locator('.filter').isVisible(), false, 'no box that would do nothing');
          const group = page.locator('#candidate-list details.fg').last();
          const rows = group.locator('tbody tr');
          assert.ok((await rows.count()) >= 1);
          if ((await group.getAttribute('open')) === null) {
            assert.equal(await rows.first().isVisible(), false, 'folded');
            await group.locator('summary').click();
          }
          assert.equal(await rows.first().isVisible(), true, 'the summary opens the unit');
          const vw = await page.evaluate(() => document.documentElement.clientWidth);
          const box = await rows.first().boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= vw + 1, 'the opened rows fit the 360 px screen');
        });

        for (const lang of ['vi', 'en']) {
          it(`${lang} results: a card per unit, the elected first, turnout and shares on screen`, async (t) => {
            if (national) return t.skip('the national portal has no results page');
            const url = pathOf(lang, 'results');
            const page = pages.phone;
            await page.goto(site.url + url, { waitUntil: 'load' });
            const cards = await page.$$eval('.rcard', (cs) =>
              cs.map((c) => {
                const vw = document.documentElement.clientWidth;
                const rows = [...c.querySelectorAll('tbody tr')];
                const inView = (el) => {
                  const r = el.getBoundingClientRect();
                  return r.width > 0 && r.left >= 0 && r.right <= vw;
                };
                return {
                  title: c.querySelector('h3').textContent.trim(),
                  order: rows.map((tr) => (tr.classList.contains('elected') ? 'E' : 'o')).join(''),
                  badges: rows.filter((tr) => tr.classList.contains('elected')).every((tr) => /\S/.test(tr.querySelector('.won')?.textContent ?? '')),
                  percents: rows.map((tr) => tr.querySelector('td:last-child')).filter(inView).map((td) => td.textContent.trim()),
                  turnout: [...c.querySelectorAll('.rfacts dd')].filter(inView).map((dd) => dd.textContent.trim()),
                  width: c.getBoundingClientRect().right,
                };
              }),
            );
            if (!cards.length && (await page.locator('main table').count()) === 0) return t.skip('no results yet');
            assert.ok(cards.length > 0, 'each unit with a result is a card (.rcard)');
            for (const c of cards) {
              assert.match(c.order, /^E*o*$/, `${c.title}: the elected first (${c.order})`);
              assert.ok(c.order.includes('E'), `${c.title}: someone elected`);
              assert.ok(c.badges, `${c.title}: the elected are marked in words`);
              assert.ok(c.percents.length === c.order.length && c.percents.every((p) => p.includes('%')), `${c.title}: every share on screen: ${c.percents}`);
              // Turnout first: a share, or "—" where the number of voters is unknown.
              assert.match(c.turnout[0] ?? '', /%|—/, `${c.title}: turnout on screen`);
              assert.ok(c.width <= PHONE.width, `${c.title}: the card fits`);
            }
          });
        }
      });
    }
  });
}
