// Search benchmark: baucu's index against Pagefind on the same built province, in
// the same headless Chromium, for a fixed list of 30 queries.
//
//   node scripts/bench-search.mjs <built-province-dir> [--pagefind <dir with node_modules/pagefind>]
//
// Prints, for each engine: index size and files, bytes a browser downloads for a
// first query (cold: JavaScript, index, result metadata for the top 10) and for a
// next query (warm: only what was not loaded yet), raw, gzip and brotli, and how
// many correct results each query found. A result is correct when its page contains
// what the query was looking for, written the right way (the toned name or place).
// scripts/bench-search.sh installs Pagefind from npm and builds the fixture.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/browser/package.json'));
const { launchChromium } = await import(path.join(here, '../tests/browser/chromium.mjs'));
const { serve } = await import(path.join(here, '../tests/browser/serve.mjs'));
const { fold } = await import(path.join(here, '../themes/default/static/search.js'));

const args = process.argv.slice(2);
const source = args[0];
const pagefindDir = args.includes('--pagefind') ? args[args.indexOf('--pagefind') + 1] : null;
if (!source || !existsSync(path.join(source, 'tim-kiem/index.html'))) {
  console.error('usage: node scripts/bench-search.mjs <built-province-dir> [--pagefind DIR]');
  process.exit(2);
}

// ---------------------------------------------------------------------------
// The 30 queries, chosen deterministically from the site's own data.

function queries(site) {
  const people = JSON.parse(readFileSync(path.join(site, 'du-lieu/ung-cu-vien.json'), 'utf8'));
  const names = [...new Set(people.map((p) => p.name))].sort();
  const pick = (list, n, offset) => Array.from({ length: n }, (_, i) => list[Math.floor(((i + offset / 7) * list.length) / n) % list.length]);
  const lookup = readFileSync(path.join(site, 'tra-cuu/index.html'), 'utf8');
  const communes = [...lookup.matchAll(/<tr id="?[^">]+"?><th[^>]*>([^<]+)</g)].map((m) => m[1].trim()).sort();
  const typo = (name) => {
    // Swap two letters in the middle of the given name (a syllable of four letters or more).
    const words = name.split(' ');
    const i = words.map((w) => fold(w).length >= 4).lastIndexOf(true);
    const w = [...fold(words[i])];
    [w[1], w[2]] = [w[2], w[1]];
    words[i] = w.join('');
    return words.map(fold).join(' ');
  };
  const list = [];
  for (const n of pick(names, 10, 0)) list.push({ kind: 'name, tone marks', q: n, want: n });
  for (const n of pick(names, 10, 3)) list.push({ kind: 'name, no tone marks', q: fold(n), want: n });
  for (const c of pick(communes, 3, 1)) list.push({ kind: 'place, tone marks', q: c.replace(/^(Xã|Phường|Đặc khu) /, ''), want: c.replace(/^(Xã|Phường|Đặc khu) /, '') });
  for (const c of pick(communes, 2, 5)) list.push({ kind: 'place, no tone marks', q: fold(c.replace(/^(Xã|Phường|Đặc khu) /, '')), want: c.replace(/^(Xã|Phường|Đặc khu) /, '') });
  const long = names.filter((n) => n.split(' ').some((w) => fold(w).length >= 5));
  for (const n of pick(long, 5, 2)) list.push({ kind: 'name, one typo', q: typo(n), want: n });
  return list;
}

// ---------------------------------------------------------------------------

function sizes(bodies) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const body of bodies) {
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
    brotli += zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

function dirSize(dir) {
  let bytes = 0, files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      bytes += statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

/** The page a result URL leads to contains `want` (case-insensitive, tone marks kept). */
function correct(site, url, want) {
  const clean = decodeURIComponent(new URL(url, 'http://x').pathname);
  const file = clean.endsWith('/') ? path.join(site, clean, 'index.html') : path.join(site, clean);
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').normalize('NFC').toLowerCase();
  return text.includes(want.normalize('NFC').toLowerCase());
}

const ENGINES = {
  baucu: {
    page: '/tim-kiem/',
    async run(page, q) {
      return page.evaluate(async (q) => {
        const form = document.getElementById('search-form');
        const script = document.querySelector('script[type="module"]').src;
        const { Engine } = await import(script);
        window.__engine ??= new Engine(form.dataset.index);
        const { results } = await window.__engine.search(q);
        const top = await Promise.all(results.slice(0, 10).map((r) => window.__engine.describe(r.doc)));
        return { count: results.length, urls: top.map((d) => d.url) };
      }, q);
    },
  },
  pagefind: {
    page: '/404.html',
    async run(page, q) {
      return page.evaluate(async (q) => {
        window.__pagefind ??= await import('/pagefind/pagefind.js');
        await window.__pagefind.options({ excerptLength: 20 });
        const search = await window.__pagefind.search(q);
        const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
        return { count: search.results.length, urls: top.map((d) => d.url) };
      }, q);
    },
  },
};

async function measure(browser, base, engine, list, site) {
  const rows = [];
  for (let i = 0; i < list.length; i++) {
    // A fresh context for each pair: the first query is cold, the next one warm.
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = new Map();
    let phase = 'page';
    const seen = { first: [], next: [] };
    page.on('response', async (response) => {
      if (phase === 'page') return;
      const url = response.url();
      if (bodies.has(url)) return;
      bodies.set(url, null);
      try {
        const body = await response.body();
        bodies.set(url, body);
        seen[phase].push(body);
      } catch {}
    });
    await page.goto(base + ENGINES[engine].page);
    await page.waitForLoadState('networkidle');
    const warmup = list[(i + 1) % list.length];
    phase = 'first';
    const first = await ENGINES[engine].run(page, warmup.q);
    await page.waitForLoadState('networkidle');
    phase = 'next';
    const result = await ENGINES[engine].run(page, list[i].q);
    await page.waitForLoadState('networkidle');
    const good = result.urls.filter((u) => correct(site, u, list[i].want)).length;
    rows.push({ first: sizes(seen.first), next: sizes(seen.next), count: result.count, good, firstCount: first.count });
    await context.close();
  }
  return rows;
}

const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

const work = mkdtempSync(path.join(os.tmpdir(), 'baucu-search-bench-'));
const site = path.join(work, 'site');
cpSync(source, site, { recursive: true });
const list = queries(site);
const engines = ['baucu'];
let pagefindSeconds = null;
if (pagefindDir) {
  const bin = path.join(pagefindDir, 'node_modules/.bin/pagefind');
  const t0 = process.hrtime.bigint();
  execFileSync(bin, ['--site', site, '--output-subdir', 'pagefind'], { stdio: 'ignore' });
  pagefindSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  engines.push('pagefind');
}

const server = await serve(site);
const browser = await launchChromium();
const results = {};
for (const engine of engines) results[engine] = await measure(browser, server.url, engine, list, site);
await browser.close();
await server.close();

console.log(`site: ${source}`);
const ours = dirSize(path.join(site, '_search'));
console.log(`baucu index: ${(ours.bytes / 1048576).toFixed(1)} MB in ${ours.files} files (both languages)`);
if (pagefindDir) {
  const theirs = dirSize(path.join(site, 'pagefind'));
  console.log(`pagefind index: ${(theirs.bytes / 1048576).toFixed(1)} MB in ${theirs.files} files, built in ${pagefindSeconds.toFixed(1)} s`);
}
console.log('\nper query: results found (correct in the top 10) and KB downloaded, next query gzip / brotli');
const header = ['#', 'kind', 'query'.padEnd(28), ...engines.map((e) => `${e}`.padStart(22))];
console.log(header.join('  '));
list.forEach((q, i) => {
  const cells = engines.map((e) => {
    const r = results[e][i];
    return `${String(r.count).padStart(5)} (${String(r.good).padStart(2)}) ${kb(r.next.gzip).padStart(5)}/${kb(r.next.brotli).padStart(5)}`;
  });
  console.log([String(i + 1).padStart(2), q.kind.padEnd(20).slice(0, 20), q.q.padEnd(28).slice(0, 28), ...cells.map((c) => c.padStart(22))].join('  '));
});
console.log('\nsummary (KB; first = cold query incl. JavaScript; next = warm query)');
for (const e of engines) {
  const rows = results[e];
  const line = (label, pick) => `${label} median ${kb(median(rows.map(pick)))} max ${kb(max(rows.map(pick)))}`;
  console.log(`${e.padEnd(9)} ${line('first gzip', (r) => r.first.gzip)} | ${line('first brotli', (r) => r.first.brotli)} | ${line('next gzip', (r) => r.next.gzip)} | ${line('next brotli', (r) => r.next.brotli)}`);
  const good = rows.reduce((s, r) => s + r.good, 0);
  const hit = rows.filter((r) => r.good > 0).length;
  console.log(`${''.padEnd(9)} correct results in the top 10: ${good} over 30 queries; queries with at least one: ${hit}/30`);
}
rmSync(work, { recursive: true, force: true });
