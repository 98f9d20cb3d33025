// Read a province's sitemap.xml and sort its URLs into the page kinds of the
// URL table in shared/design/CONTENT.md ("Output URLs").

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Order matters: the first pattern that matches names the kind.
const SECTIONS = {
  vi: {
    prefix: '/',
    kinds: [
      ['home', /^$/],
      ['news-list', /^tin-tuc\/$/],
      ['news-list-page', /^tin-tuc\/trang\/\d+\/$/],
      ['news-category', /^tin-tuc\/chuyen-muc\/[^/]+\/$/],
      ['news-tag', /^tin-tuc\/the\/[^/]+\/$/],
      ['news-item', /^tin-tuc\/[^/]+\/$/],
      ['candidates', /^ung-cu-vien\/$/],
      ['candidate', /^ung-cu-vien\/[^/]+\/$/],
      ['units-index', /^don-vi-bau-cu\/$/],
      ['units', /^don-vi-bau-cu\/[^/]+\/$/],
      ['unit', /^don-vi-bau-cu\/[^/]+\/\d+\/$/],
      ['commune-units', /^don-vi-bau-cu\/[^/]+\/[^/]+-\d+\/$/],
      ['commune-unit', /^don-vi-bau-cu\/[^/]+\/[^/]+-\d+\/\d+\/$/],
      ['lookup', /^tra-cuu\/$/],
      ['results', /^ket-qua\/$/],
      ['faq', /^hoi-dap\/$/],
      ['documents', /^van-ban\/$/],
      ['timeline', /^lich-trinh\/$/],
      ['search', /^tim-kiem\/$/],
      // `/<slug>/`, but not a language home (`/en/`) nor a reserved section
      ['free-page', /^(?!(?:en|tin-tuc|ung-cu-vien|don-vi-bau-cu|du-lieu)\/)[^/]+\/$/],
    ],
  },
  en: {
    prefix: '/en/',
    kinds: [
      ['home', /^$/],
      ['news-list', /^news\/$/],
      ['news-list-page', /^news\/page\/\d+\/$/],
      ['news-category', /^news\/category\/[^/]+\/$/],
      ['news-tag', /^news\/tags\/[^/]+\/$/],
      ['news-item', /^news\/[^/]+\/$/],
      ['candidates', /^candidates\/$/],
      ['candidate', /^candidates\/[^/]+\/$/],
      ['units-index', /^units\/$/],
      ['units', /^units\/[^/]+\/$/],
      ['unit', /^units\/[^/]+\/\d+\/$/],
      ['commune-units', /^units\/[^/]+\/[^/]+-\d+\/$/],
      ['commune-unit', /^units\/[^/]+\/[^/]+-\d+\/\d+\/$/],
      ['lookup', /^lookup\/$/],
      ['results', /^results\/$/],
      ['faq', /^faq\/$/],
      ['documents', /^documents\/$/],
      ['timeline', /^timeline\/$/],
      ['search', /^search\/$/],
      ['free-page', /^(?!(?:news|candidates|units|data)\/)[^/]+\/$/],
    ],
  },
};

/** The kinds every portal has in both languages (list pages exist before their content). */
export const ALWAYS_PRESENT = ['home', 'news-list', 'candidates', 'lookup', 'results', 'faq', 'documents', 'timeline'];

/**
 * Classify a site-local path (starting with `/`).
 * @returns {{lang: 'vi'|'en', kind: string} | null} null when no pattern matches.
 */
export function classify(localPath) {
  let p;
  try {
    p = decodeURI(localPath);
  } catch {
    p = localPath;
  }
  p = p.replace(/[?#].*$/, '');
  if (p.endsWith('/index.html')) p = p.slice(0, -'index.html'.length);
  const lang = p === '/en/' || p.startsWith('/en/') ? 'en' : 'vi';
  const rest = p.slice(SECTIONS[lang].prefix.length);
  if (!p.startsWith(SECTIONS[lang].prefix)) return null;
  for (const [kind, re] of SECTIONS[lang].kinds) {
    if (re.test(rest)) return { lang, kind };
  }
  return null;
}

function unescapeXml(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** All `<loc>` values of a sitemap or sitemap index document. */
export function parseLocs(xml) {
  const locs = [];
  for (const m of xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)) locs.push(unescapeXml(m[1]));
  return locs;
}

/**
 * The site root of a list of absolute URLs: the shortest URL ending in `/` that
 * prefixes all of them (the home page, i.e. base_url), else the first URL's origin.
 */
export function baseOf(urls) {
  const candidates = urls.filter((u) => u.endsWith('/')).sort((a, b) => a.length - b.length);
  for (const c of candidates) if (urls.every((u) => u.startsWith(c))) return c;
  return urls.length ? new URL(urls[0]).origin + '/' : '/';
}

/**
 * Read `<siteDir>/sitemap.xml` (following a sitemap index into local files) and
 * return its URLs as site-local paths, with their base.
 * @returns {{base: string, paths: string[]}}
 */
export function readSitemap(siteDir) {
  const file = path.join(siteDir, 'sitemap.xml');
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  const xml = readFileSync(file, 'utf8');
  let urls = parseLocs(xml);
  if (/<sitemapindex[\s>]/.test(xml)) {
    const base = baseOf(urls);
    const pages = [];
    for (const sm of urls) {
      const local = path.join(siteDir, sm.startsWith(base) ? sm.slice(base.length) : new URL(sm).pathname);
      pages.push(...parseLocs(readFileSync(local, 'utf8')));
    }
    urls = pages;
  }
  if (urls.length === 0) throw new Error(`${file} lists no URL`);
  const base = baseOf(urls);
  const paths = urls.map((u) => {
    const local = u.startsWith(base) ? u.slice(base.length) : new URL(u).pathname.replace(/^\//, '');
    return '/' + local;
  });
  return { base, paths };
}

/**
 * Pick the first path of each (language, kind) pair, in sitemap order, plus
 * the 404 page of each language the site has one for (`/404.html`, `/en/404.html`).
 * @returns {{pages: {path: string, lang: string, kind: string}[], unknown: string[], missing: string[]}}
 */
export function pickPages(siteDir, paths) {
  const seen = new Map();
  const unknown = [];
  for (const p of paths) {
    const c = classify(p);
    if (!c) {
      unknown.push(p);
      continue;
    }
    const key = `${c.lang} ${c.kind}`;
    if (!seen.has(key)) seen.set(key, { path: p, ...c });
  }
  // vi before en, each in the order of the URL table.
  const order = (pg) => (pg.lang === 'vi' ? 0 : 1000) + SECTIONS[pg.lang].kinds.findIndex(([k]) => k === pg.kind);
  const pages = [...seen.values()].sort((a, b) => order(a) - order(b));
  if (existsSync(path.join(siteDir, '404.html'))) pages.push({ path: '/404.html', lang: 'vi', kind: 'not-found' });
  if (existsSync(path.join(siteDir, 'en', '404.html'))) pages.push({ path: '/en/404.html', lang: 'en', kind: 'not-found' });
  const missing = [];
  for (const lang of ['vi', 'en'])
    for (const kind of ALWAYS_PRESENT) if (!seen.has(`${lang} ${kind}`)) missing.push(`${lang} ${kind}`);
  return { pages, unknown, missing };
}
