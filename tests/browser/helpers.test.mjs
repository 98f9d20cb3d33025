// Unit tests of the harness itself (no browser): the static server and the
// sitemap classification. Run with the a11y test by `node --test tests/browser/`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { serve } from './serve.mjs';
import { baseOf, classify, parseLocs, pickPages, readSitemap } from './sitemap.mjs';

describe('serve', () => {
  let dir;
  let site;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'baucu-serve-'));
    mkdirSync(path.join(dir, 'tin-tuc'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(path.join(dir, 'tin-tuc', 'index.html'), '<!doctype html><title>news</title>');
    writeFileSync(path.join(dir, '404.html'), '<!doctype html><title>not found</title>');
    for (const f of ['a.css', 'a.js', 'a.json', 'sitemap.xml', 'a.png', 'a.jpg', 'a.svg', 'a.pdf', 'a.csv', 'a.woff2']) writeFileSync(path.join(dir, f), 'x');
    site = await serve(dir);
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves /x/ as /x/index.html', async () => {
    for (const [p, title] of [['/', 'home'], ['/tin-tuc/', 'news']]) {
      const r = await fetch(site.url + p);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(await r.text(), new RegExp(`<title>${title}</title>`));
    }
  });

  it('redirects a directory without its slash', async () => {
    const r = await fetch(site.url + '/tin-tuc', { redirect: 'manual' });
    assert.equal(r.status, 301);
    assert.equal(r.headers.get('location'), '/tin-tuc/');
  });

  it('gives each file type its Content-Type', async () => {
    const expected = {
      'a.css': 'text/css',
      'a.js': 'text/javascript',
      'a.json': 'application/json',
      'sitemap.xml': 'application/xml',
      'a.png': 'image/png',
      'a.jpg': 'image/jpeg',
      'a.svg': 'image/svg+xml',
      'a.pdf': 'application/pdf',
      'a.csv': 'text/csv',
      'a.woff2': 'font/woff2',
    };
    for (const [f, type] of Object.entries(expected)) {
      const r = await fetch(`${site.url}/${f}`);
      assert.equal(r.status, 200, f);
      assert.equal(r.headers.get('content-type').split(';')[0], type, f);
      await r.arrayBuffer();
    }
  });

  it('answers a missing file with 404 and the site 404.html', async () => {
    const r = await fetch(site.url + '/khong-co/');
    assert.equal(r.status, 404);
    assert.match(await r.text(), /not found/);
  });

  it('does not leave the served directory', async () => {
    const r = await fetch(site.url + '/%2e%2e/%2e%2e/etc/passwd');
    assert.notEqual(r.status, 200);
    await r.arrayBuffer();
  });
});

describe('sitemap classification', () => {
  const cases = {
    '/': ['vi', 'home'],
    '/tin-tuc/': ['vi', 'news-list'],
    '/tin-tuc/trang/2/': ['vi', 'news-list-page'],
    '/tin-tuc/chuyen-muc/thong-bao/': ['vi', 'news-category'],
    '/tin-tuc/hiep-thuong-lan-thu-nhat/': ['vi', 'news-item'],
    '/ung-cu-vien/': ['vi', 'candidates'],
    '/ung-cu-vien/qh-qn-01/': ['vi', 'candidate'],
    '/don-vi-bau-cu/quoc-hoi/': ['vi', 'units'],
    '/don-vi-bau-cu/quoc-hoi/1/': ['vi', 'unit'],
    '/don-vi-bau-cu/': ['vi', 'units-index'],
    '/don-vi-bau-cu/hdnd-xa/phuong-ha-long-6688/': ['vi', 'commune-units'],
    '/don-vi-bau-cu/hdnd-xa/phuong-ha-long-6688/3/': ['vi', 'commune-unit'],
    '/tra-cuu/': ['vi', 'lookup'],
    '/ket-qua/': ['vi', 'results'],
    '/hoi-dap/': ['vi', 'faq'],
    '/van-ban/': ['vi', 'documents'],
    '/lich-trinh/': ['vi', 'timeline'],
    '/tim-kiem/': ['vi', 'search'],
    '/gioi-thieu/': ['vi', 'free-page'],
    '/en/': ['en', 'home'],
    '/en/news/': ['en', 'news-list'],
    '/en/news/page/2/': ['en', 'news-list-page'],
    '/en/news/category/notices/': ['en', 'news-category'],
    '/en/news/first-consultation/': ['en', 'news-item'],
    '/en/candidates/': ['en', 'candidates'],
    '/en/candidates/qh-qn-01/': ['en', 'candidate'],
    '/en/units/quoc-hoi/': ['en', 'units'],
    '/en/units/quoc-hoi/1/': ['en', 'unit'],
    '/en/units/': ['en', 'units-index'],
    '/en/units/hdnd-xa/phuong-ha-long-6688/': ['en', 'commune-units'],
    '/en/units/hdnd-xa/phuong-ha-long-6688/3/': ['en', 'commune-unit'],
    '/en/lookup/': ['en', 'lookup'],
    '/en/results/': ['en', 'results'],
    '/en/faq/': ['en', 'faq'],
    '/en/documents/': ['en', 'documents'],
    '/en/timeline/': ['en', 'timeline'],
    '/en/search/': ['en', 'search'],
    '/en/about/': ['en', 'free-page'],
  };
  for (const [p, [lang, kind]] of Object.entries(cases)) {
    it(`${p} is ${lang} ${kind}`, () => assert.deepEqual(classify(p), { lang, kind }));
  }
  it('leaves unknown shapes unclassified', () => {
    for (const p of ['/tin-tuc/feed.xml', '/du-lieu/ung-cu-vien.csv', '/a/b/c/d/e/', '/en/news/a/b/c/']) assert.equal(classify(p), null, p);
  });

  it('parses locs, finds the base and picks the first page of each kind', () => {
    const xml = `<?xml version="1.0"?><urlset>
      <url><loc>https://baucu.quangninh.gov.vn/</loc></url>
      <url><loc> https://baucu.quangninh.gov.vn/tin-tuc/b/ </loc></url>
      <url><loc>https://baucu.quangninh.gov.vn/tin-tuc/a/</loc></url>
      <url><loc>https://baucu.quangninh.gov.vn/en/?x=1&amp;y=2</loc></url></urlset>`;
    const locs = parseLocs(xml);
    assert.equal(locs[3], 'https://baucu.quangninh.gov.vn/en/?x=1&y=2');
    assert.equal(baseOf(locs), 'https://baucu.quangninh.gov.vn/');

    const dir = mkdtempSync(path.join(tmpdir(), 'baucu-sitemap-'));
    try {
      writeFileSync(path.join(dir, 'sitemap.xml'), xml);
      const { paths } = readSitemap(dir);
      assert.deepEqual(paths, ['/', '/tin-tuc/b/', '/tin-tuc/a/', '/en/?x=1&y=2']);
      const { pages, missing } = pickPages(dir, paths);
      assert.deepEqual(
        pages.map((p) => `${p.lang} ${p.kind} ${p.path}`),
        ['vi home /', 'vi news-item /tin-tuc/b/', 'en home /en/?x=1&y=2'],
      );
      assert.ok(missing.includes('en news-list'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a base_url with a path', () => {
    const locs = ['https://example.org/qn/', 'https://example.org/qn/en/', 'https://example.org/qn/tin-tuc/'];
    assert.equal(baseOf(locs), 'https://example.org/qn/');
  });
});
