// The real judges of a built portal (issue 22), with nothing from the internet:
//
//   BAUCU_OUT=/path/to/public node --test tests/browser/judges.test.mjs
//
// 1. nginx, configured by the README: the ```nginx block of README.md ("Deploying
//    to a CDN") is read at run time (only root, listen and server_name are
//    replaced), wrapped in a minimal nginx.conf and started on 127.0.0.1 for the
//    quang-ninh site. Plain HTTP requests check the precompressed copies (br, gzip,
//    identity, Vary), the content types, that `_headers` is not served and that its
//    rules are what nginx sends, the 404 page of each language, and the cache and
//    security headers.
// 2. Lighthouse (mobile, its defaults) against that nginx in Debian's Chromium, on
//    one page of every page kind: accessibility, best practices and SEO 100,
//    performance at least 95.
// 3. The Nu HTML checker (vnu-jar, system Java) over every .html file of BAUCU_OUT,
//    in one JVM: 0 errors.
//
// Needs nginx (+ libnginx-mod-http-brotli-static) and a Java runtime: scripts/test.sh
// installs them.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM_PATH } from './chromium.mjs';
import { readSitemap } from './sitemap.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const README = path.join(REPO, 'README.md');
const OUT = process.env.BAUCU_OUT;
const PROVINCE = 'quang-ninh';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) || 'nginx';
const NGINX_MIME_TYPES = '/etc/nginx/mime.types';
// Debian's libnginx-mod-http-brotli-static; Debian enables it for the system nginx
// with /etc/nginx/modules-enabled/50-mod-http-brotli-static.conf, which our own
// nginx.conf does not include, so it is loaded here by path.
const BROTLI_STATIC_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

const LIGHTHOUSE_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const MIN_SCORE = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

// ---------------------------------------------------------------------------
// nginx from the README

/** The text of README.md's ```nginx fence. */
export function readmeNginxBlock(readme) {
  const m = readme.match(/^```nginx[ \t]*\n([\s\S]*?)^```[ \t]*$/m);
  if (!m) throw new Error('README.md has no ```nginx code block');
  return m[1];
}

/**
 * The README's block with `root`, `server_name` and `listen` replaced (a `listen`
 * is added at the top of the server block when the README has none).
 */
export function localizeNginxBlock(block, { root, port }) {
  const once = (text, re, replacement, what) => {
    const hits = text.match(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')) || [];
    if (hits.length !== 1) throw new Error(`README's nginx block: expected exactly one ${what}, found ${hits.length}`);
    return text.replace(re, replacement);
  };
  let conf = block;
  conf = once(conf, /^(\s*)root\s+[^;]+;/m, `$1root ${root};`, '`root` directive');
  conf = once(conf, /^(\s*)server_name\s+[^;]+;/m, '$1server_name 127.0.0.1;', '`server_name` directive');
  if (/^\s*listen\s/m.test(conf)) {
    conf = conf.replace(/^(\s*)listen\s+[^;]+;/gm, `$1listen 127.0.0.1:${port};`);
  } else {
    conf = once(conf, /^(\s*)server\s*\{/m, `$1server {\n    listen 127.0.0.1:${port};`, '`server {`');
  }
  return conf;
}

function nginxConf(dir, serverBlock) {
  const temp = (name) => {
    const p = path.join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  return [
    existsSync(BROTLI_STATIC_MODULE) ? `load_module ${BROTLI_STATIC_MODULE};` : '# (no brotli_static module installed)',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'daemon off;',
    'worker_processes 1;',
    'events { worker_connections 128; }',
    'http {',
    `    include ${NGINX_MIME_TYPES};`,
    '    default_type application/octet-stream;',
    '    access_log off;',
    '    sendfile on;',
    `    client_body_temp_path ${temp('client_body')};`,
    `    proxy_temp_path ${temp('proxy')};`,
    `    fastcgi_temp_path ${temp('fastcgi')};`,
    `    uwsgi_temp_path ${temp('uwsgi')};`,
    `    scgi_temp_path ${temp('scgi')};`,
    '',
    '    # ---- from README.md ----',
    serverBlock.replace(/^/gm, '    '),
    '}',
    '',
  ].join('\n');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** GET without any decoding: {status, headers, body: Buffer}. */
function get(port, urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'GET', headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${urlPath}: timeout`)));
    req.end();
  });
}

async function startNginx(siteDir) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'baucu-nginx-'));
  const port = await freePort();
  const block = localizeNginxBlock(readmeNginxBlock(readFileSync(README, 'utf8')), { root: siteDir, port });
  const confFile = path.join(dir, 'nginx.conf');
  writeFileSync(confFile, nginxConf(dir, block));
  const test = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-e', path.join(dir, 'error.log'), '-c', confFile], { encoding: 'utf8' });
  if (test.error) throw new Error(`cannot run ${NGINX} (scripts/test.sh installs nginx): ${test.error.message}`);
  if (test.status !== 0) {
    throw new Error(`nginx -t rejects the README's configuration:\n${test.stderr}\n--- ${confFile} ---\n${readFileSync(confFile, 'utf8')}`);
  }
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (exited) throw new Error(`nginx exited (${JSON.stringify(exited)}):\n${stderr}`);
    try {
      await get(port, '/robots.txt');
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on port ${port}: ${err.message}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT'); // graceful shutdown of master and worker
      const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { port, dir, confFile, stop, log: () => stderr + (existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '') };
}

// ---------------------------------------------------------------------------
// `_headers` (Netlify / Cloudflare Pages syntax, as baucu writes it)

/** [{pattern, headers: [[name, value]]}] */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
    } else {
      const m = line.trim().match(/^([^:]+):\s*(.*)$/);
      if (m && rules.length) rules.at(-1).headers.push([m[1].toLowerCase(), m[2]]);
    }
  }
  return rules;
}

function ruleMatches(pattern, urlPath) {
  if (pattern.endsWith('/*')) return urlPath.startsWith(pattern.slice(0, -1)) || urlPath === pattern.slice(0, -2);
  if (pattern === '/*') return true;
  return urlPath === pattern;
}

/** What `_headers` says a path gets: name -> values joined by ", " (as both hosts do). */
export function headersFor(rules, urlPath) {
  const out = new Map();
  for (const r of rules) {
    if (!ruleMatches(r.pattern, urlPath)) continue;
    for (const [name, value] of r.headers) out.set(name, out.has(name) ? `${out.get(name)}, ${value}` : value);
  }
  return out;
}

// ---------------------------------------------------------------------------
// the pages Lighthouse measures: one of every page kind

function lighthousePages(siteDir) {
  const { paths } = readSitemap(siteDir);
  const first = (re, kind) => {
    const p = paths.find((x) => re.test(x));
    if (!p) throw new Error(`${siteDir}/sitemap.xml has no page of kind ${kind} (${re})`);
    return [kind, p];
  };
  return [
    ['home', '/'],
    ['news list', '/tin-tuc/'],
    first(/^\/tin-tuc\/(?!chuyen-muc\/|the\/|trang\/)[^/]+\/$/, 'news item'),
    first(/^\/tin-tuc\/chuyen-muc\/[^/]+\/$/, 'news category'),
    first(/^\/tin-tuc\/the\/[^/]+\/$/, 'news tag'),
    ['candidates', '/ung-cu-vien/'],
    first(/^\/ung-cu-vien\/[^/]+\/$/, 'candidate'),
    ['units index', '/don-vi-bau-cu/'],
    first(/^\/don-vi-bau-cu\/[^/]+\/$/, "a level's units"),
    first(/^\/don-vi-bau-cu\/[^/]+\/\d+\/$/, 'unit'),
    ['lookup', '/tra-cuu/'],
    ['results', '/ket-qua/'],
    ['statistics', '/thong-ke/'],
    ['faq', '/hoi-dap/'],
    ['documents', '/van-ban/'],
    ['timeline', '/lich-trinh/'],
    ['search', '/tim-kiem/'],
    ['free page', '/gioi-thieu/'],
    ['en home', '/en/'],
    first(/^\/en\/candidates\/[^/]+\/$/, 'en candidate'),
  ];
}

function failingAudits(lhr, category) {
  const lines = [];
  for (const ref of lhr.categories[category].auditRefs) {
    if (!ref.weight) continue;
    const a = lhr.audits[ref.id];
    if (a.score === null || a.score >= 1) continue;
    lines.push(`      ${a.id}: ${a.score} ${a.displayValue ? `(${a.displayValue}) ` : ''}${a.title}`);
    const items = a.details?.items || [];
    for (const item of items.slice(0, 4)) {
      const node = item.node?.snippet || item.node?.selector || item.url || item.source?.url || item.description;
      if (node) lines.push(`        ${String(node).slice(0, 200)}`);
      for (const sub of item.subItems?.items?.slice(0, 3) || []) {
        const s = sub.node?.snippet || sub.extra?.snippet || sub.cause || sub.url;
        if (s) lines.push(`          ${String(s).slice(0, 200)}`);
      }
    }
  }
  if (category === 'performance') {
    const m = (id) => lhr.audits[id]?.displayValue;
    lines.push(`      metrics: FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`);
    const shifts = lhr.audits['layout-shift-elements']?.details?.items || lhr.audits['layout-shifts']?.details?.items || [];
    for (const s of shifts.slice(0, 4)) lines.push(`        shift: ${s.node?.snippet?.slice(0, 200) ?? '?'} ${s.score ?? ''}`);
  }
  return lines;
}

function htmlFiles(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) found.push(...htmlFiles(p));
    } else if (e.name.endsWith('.html')) found.push(p);
  }
  return found;
}

// ---------------------------------------------------------------------------

if (!OUT) {
  it('judges (nginx, Lighthouse, vnu)', { skip: 'BAUCU_OUT is not set (BAUCU_OUT=<dir of province folders> node --test tests/browser/)' }, () => {});
} else {
  const out = path.resolve(OUT);
  const site = path.join(out, PROVINCE);

  describe(`${PROVINCE} served by nginx with the README's configuration`, () => {
    let nginx;
    let rules;

    before(async () => {
      assert.ok(existsSync(path.join(site, 'index.html')), `${site}/index.html is missing`);
      rules = parseHeadersFile(readFileSync(path.join(site, '_headers'), 'utf8'));
      nginx = await startNginx(site);
    });

    after(async () => {
      if (nginx) await nginx.stop();
    });

    const file = (p) => readFileSync(path.join(site, p));
    const firstIn = (dir, re) => {
      const name = readdirSync(path.join(site, dir)).find((n) => re.test(n));
      assert.ok(name, `no file matching ${re} in ${dir}/`);
      return `/${dir}/${name}`;
    };

    it('sends the precompressed copies: br, gzip, identity, with Vary: Accept-Encoding', async () => {
      const css = firstIn('static', /^style\.[0-9a-f]+\.css$/);
      const candidate = `${firstIn('ung-cu-vien', /^[a-z0-9-]+$/)}/`;
      // [URL, file, whether baucu wrote a .br (16 KiB and more, and the stylesheet)]
      for (const [urlPath, fsPath, hasBr] of [
        ['/ung-cu-vien/', 'ung-cu-vien/index.html', true],
        [css, css.slice(1), true],
        [candidate, `${candidate.slice(1)}index.html`, false],
      ]) {
        assert.equal(existsSync(path.join(site, fsPath + '.br')), hasBr, `${fsPath}.br exists: ${hasBr}`);
        const br = await get(nginx.port, urlPath, { 'Accept-Encoding': 'br' });
        assert.equal(br.status, 200, `${urlPath} (br)`);
        if (hasBr) {
          assert.equal(br.headers['content-encoding'], 'br', `${urlPath}: Accept-Encoding: br gets Content-Encoding: br`);
          assert.match(br.headers.vary || '', /accept-encoding/i, `${urlPath} (br): Vary`);
          assert.ok(br.body.equals(file(fsPath + '.br')), `${urlPath}: the body is ${fsPath}.br`);
        } else {
          assert.equal(br.headers['content-encoding'], undefined, `${urlPath}: no .br, no gzip accepted: identity`);
          assert.ok(br.body.equals(file(fsPath)), `${urlPath} (br only): the body is ${fsPath}`);
        }

        const gz = await get(nginx.port, urlPath, { 'Accept-Encoding': 'gzip' });
        assert.equal(gz.status, 200, `${urlPath} (gzip)`);
        assert.equal(gz.headers['content-encoding'], 'gzip', `${urlPath}: Accept-Encoding: gzip gets Content-Encoding: gzip`);
        assert.match(gz.headers.vary || '', /accept-encoding/i, `${urlPath} (gzip): Vary`);
        assert.ok(gz.body.equals(file(fsPath + '.gz')), `${urlPath}: the body is ${fsPath}.gz`);

        // A browser accepts both: the .br where there is one, else the .gz.
        const both = await get(nginx.port, urlPath, { 'Accept-Encoding': 'gzip, deflate, br' });
        const sent = hasBr ? 'br' : 'gzip';
        assert.equal(both.headers['content-encoding'], sent, `${urlPath}: a browser's Accept-Encoding gets ${sent}`);
        assert.ok(both.body.equals(file(`${fsPath}.${hasBr ? 'br' : 'gz'}`)), `${urlPath}: a browser gets the ${sent} copy`);

        const plain = await get(nginx.port, urlPath, {});
        assert.equal(plain.status, 200, `${urlPath} (identity)`);
        assert.equal(plain.headers['content-encoding'], undefined, `${urlPath}: no Accept-Encoding gets identity`);
        assert.ok(plain.body.equals(file(fsPath)), `${urlPath}: the body is ${fsPath}`);
      }
    });

    it('sends a file too small for copies as it is, whatever the client accepts', async () => {
      // baucu writes no .br/.gz under 1 KiB: gzip_static and brotli_static fall back.
      assert.ok(file('robots.txt').length < 1024, 'robots.txt is under 1 KiB');
      assert.ok(!existsSync(path.join(site, 'robots.txt.br')), 'robots.txt has no .br');
      assert.ok(!existsSync(path.join(site, 'robots.txt.gz')), 'robots.txt has no .gz');
      const res = await get(nginx.port, '/robots.txt', { 'Accept-Encoding': 'gzip, deflate, br' });
      assert.equal(res.status, 200, '/robots.txt');
      assert.equal(res.headers['content-encoding'], undefined, '/robots.txt: identity');
      assert.ok(res.body.equals(file('robots.txt')), '/robots.txt: the body is the file');
    });

    it('sends the right content types', async () => {
      const cases = [
        ['/', /^text\/html; charset=utf-8$/i],
        [firstIn('static', /^style\.[0-9a-f]+\.css$/), /^text\/css\b/i],
        [firstIn('static', /^search\.[0-9a-f]+\.js$/), /^(application|text)\/javascript\b/i],
        [firstIn('static', /\.svg$/), /^image\/svg\+xml\b/i],
        ['/du-lieu/ung-cu-vien.csv', /^text\/csv; charset=utf-8$/i],
        ['/sitemap.xml', /^(text|application)\/xml\b/i],
        ['/robots.txt', /^text\/plain\b/i],
      ];
      for (const [urlPath, re] of cases) {
        for (const enc of ['br', 'gzip', undefined]) {
          const res = await get(nginx.port, urlPath, enc ? { 'Accept-Encoding': enc } : {});
          assert.equal(res.status, 200, `${urlPath} (${enc ?? 'identity'})`);
          assert.match(res.headers['content-type'] || '', re, `${urlPath} (${enc ?? 'identity'}): Content-Type`);
        }
      }
    });

    it('does not serve _headers', async () => {
      for (const enc of ['br', 'gzip', undefined]) {
        const res = await get(nginx.port, '/_headers', enc ? { 'Accept-Encoding': enc } : {});
        assert.equal(res.status, 404, `/_headers (${enc ?? 'identity'})`);
        assert.ok(!res.body.toString('latin1').includes('Cache-Control:'), '/_headers: the rules are not in the body');
      }
    });

    it('sends the 404 page of each language', async () => {
      for (const [urlPath, page, lang] of [
        ['/khong-co-trang-nay/', '404.html', 'vi'],
        ['/tin-tuc/khong-co/', '404.html', 'vi'],
        ['/en/no-such-page/', 'en/404.html', 'en'],
        ['/en/candidates/nobody/', 'en/404.html', 'en'],
      ]) {
        const res = await get(nginx.port, urlPath, {});
        assert.equal(res.status, 404, urlPath);
        assert.match(res.headers['content-type'] || '', /^text\/html; charset=utf-8$/i, `${urlPath}: Content-Type`);
        assert.ok(res.body.equals(file(page)), `${urlPath}: the body is ${page}`);
        assert.match(res.body.toString('utf8'), new RegExp(`<html[^>]*\\slang=("${lang}"|${lang}[\\s>])`), `${urlPath}: lang ${lang}`);
        assert.equal(res.headers['cache-control'], 'public, max-age=300, must-revalidate', `${urlPath}: Cache-Control`);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', `${urlPath}: security headers on the 404 too`);
        // A 404 page is small: it has a .gz (no .br), which a browser gets.
        const gz = await get(nginx.port, urlPath, { 'Accept-Encoding': 'gzip, deflate, br' });
        assert.equal(gz.status, 404, `${urlPath} (gzip)`);
        assert.equal(gz.headers['content-encoding'], 'gzip', `${urlPath}: the 404 page goes out precompressed too`);
        assert.ok(gz.body.equals(file(`${page}.gz`)), `${urlPath}: the body is ${page}.gz`);
      }
    });

    it("sends the cache headers the README describes and `_headers` lists", async () => {
      const immutable = 'public, max-age=31536000, immutable';
      const revalidate = 'public, max-age=300, must-revalidate';
      const media = readdirSync(path.join(site, 'media')).find((n) => /\.(webp|jpg|png|svg)$/.test(n));
      assert.ok(media, 'the sample has files in /media/');
      const search = readdirSync(path.join(site, '_search', 'vi')).find((n) => n.endsWith('.json'));
      assert.ok(search, 'the sample has a search index in /_search/vi/');
      const cases = [
        [firstIn('static', /^style\.[0-9a-f]+\.css$/), immutable],
        [firstIn('static', /^search\.[0-9a-f]+\.js$/), immutable],
        [`/media/${media}`, immutable],
        [`/_search/vi/${search}`, immutable],
        ['/', revalidate],
        ['/index.html', revalidate],
        ['/ung-cu-vien/', revalidate],
        ['/en/', revalidate],
        ['/du-lieu/ung-cu-vien.csv', revalidate],
        ['/sitemap.xml', revalidate],
        ['/robots.txt', revalidate],
        ['/gioi-thieu/', revalidate],
      ];
      for (const [urlPath, expected] of cases) {
        for (const enc of ['br', undefined]) {
          const res = await get(nginx.port, urlPath, enc ? { 'Accept-Encoding': enc } : {});
          assert.equal(res.status, 200, urlPath);
          assert.equal(res.headers['cache-control'], expected, `${urlPath} (${enc ?? 'identity'}): Cache-Control`);
          // `_headers` says the same for this path (what Netlify / Cloudflare Pages send)
          assert.equal(headersFor(rules, urlPath).get('cache-control'), expected, `${urlPath}: _headers' Cache-Control`);
        }
      }
    });

    it('sends the security headers of the README and of `_headers` on every response', async () => {
      const block = readmeNginxBlock(readFileSync(README, 'utf8'));
      const readmeHeaders = [...block.matchAll(/^\s*add_header\s+([\w-]+)\s+"([^"]*)"/gm)].map((m) => [m[1].toLowerCase(), m[2]]);
      const names = readmeHeaders.map(([n]) => n);
      for (const n of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy']) {
        assert.ok(names.includes(n), `the README's nginx block sets ${n}`);
      }
      const global = headersFor(rules, '/');
      for (const [name, value] of readmeHeaders) {
        assert.equal(global.get(name), value, `_headers and the README agree on ${name}`);
      }
      for (const urlPath of ['/', '/en/', '/ung-cu-vien/', '/du-lieu/ung-cu-vien.csv', firstIn('static', /\.css$/), '/robots.txt', '/nope/']) {
        for (const enc of ['br', undefined]) {
          const res = await get(nginx.port, urlPath, enc ? { 'Accept-Encoding': enc } : {});
          for (const [name, value] of readmeHeaders) {
            assert.equal(res.headers[name], value, `${urlPath} (${enc ?? 'identity'}): ${name}`);
          }
        }
      }
    });

    describe('Lighthouse (mobile) on one page of every kind', () => {
      let chrome;
      const results = [];

      before(async () => {
        assert.ok(existsSync(CHROMIUM_PATH), `Chromium not found at ${CHROMIUM_PATH} (scripts/test.sh installs it)`);
        const chromeLauncher = await import('chrome-launcher');
        chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: LIGHTHOUSE_FLAGS, logLevel: 'silent' });
      });

      after(async () => {
        if (chrome) await chrome.kill();
        if (results.length) {
          const w = Math.max(...results.map((r) => r.label.length));
          console.log(`Lighthouse ${results[0].version} (mobile), ${PROVINCE} via nginx:`);
          console.log(`  ${'page'.padEnd(w)}  perf  a11y  bp   seo   CLS     time`);
          for (const r of results) {
            const s = (c) => String(r.scores[c] ?? '-').padEnd(5);
            console.log(`  ${r.label.padEnd(w)}  ${s('performance')} ${s('accessibility')} ${s('best-practices')} ${s('seo')} ${String(r.cls ?? '-').padEnd(7)} ${(r.ms / 1000).toFixed(1)}s`);
          }
        }
      });

      // The page list comes from the sitemap: compute it at definition time when the site is there.
      const pages = existsSync(path.join(site, 'sitemap.xml')) ? lighthousePages(site) : [];
      it('has a page of every kind to measure', () => assert.ok(pages.length >= 20, 'pages'));

      for (const [kind, urlPath] of pages) {
        it(`${kind} ${urlPath}: perf ≥ ${MIN_SCORE.performance}, a11y, best practices and SEO 100`, { timeout: 180_000 }, async () => {
          const { default: lighthouse } = await import('lighthouse');
          const url = `http://127.0.0.1:${nginx.port}${urlPath}`;
          const t0 = Date.now();
          const run = async () => (await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES })).lhr;
          let lhr = await run();
          // Performance varies with the machine's load (2 cores shared with the test
          // run): below target, measure twice more and keep the median run, as
          // Lighthouse's own guidance on variability advises. The other categories
          // do not vary and are judged on every run the same.
          const perf = (r) => r.categories.performance?.score ?? 0;
          if (perf(lhr) * 100 < MIN_SCORE.performance) {
            const runs = [lhr, await run(), await run()].sort((a, b) => perf(a) - perf(b));
            lhr = runs[1];
          }
          const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score === null ? null : Math.round(lhr.categories[c].score * 100)]));
          const cls = lhr.audits['cumulative-layout-shift']?.numericValue;
          results.push({ label: `${kind} ${urlPath}`, scores, cls: cls === undefined ? null : Number(cls.toFixed(3)), ms: Date.now() - t0, version: lhr.lighthouseVersion });
          const problems = [];
          if (lhr.runtimeError) problems.push(`  runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          for (const w of lhr.runWarnings || []) problems.push(`  warning: ${w}`);
          for (const c of CATEGORIES) {
            if (scores[c] === null || scores[c] < MIN_SCORE[c]) {
              problems.push(`  ${c}: ${scores[c]} (needs ${MIN_SCORE[c] === 100 ? '100' : `≥ ${MIN_SCORE[c]}`})`, ...failingAudits(lhr, c));
            }
          }
          const failed = CATEGORIES.some((c) => scores[c] === null || scores[c] < MIN_SCORE[c]);
          assert.ok(!failed, `Lighthouse on ${urlPath}:\n${problems.join('\n')}`);
        });
      }
    });
  });

  describe(`Nu HTML checker (vnu) on every .html file of ${out}`, () => {
    it('finds 0 errors', { timeout: 300_000 }, () => {
      const files = htmlFiles(out).sort();
      assert.ok(files.length > 0, `no .html file under ${out}`);
      const jar = String(require('vnu-jar'));
      assert.ok(existsSync(jar), `${jar} is missing: npm ci in tests/browser`);
      const t0 = Date.now();
      const res = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (res.error) throw new Error(`cannot run java (scripts/test.sh installs default-jre-headless): ${res.error.message}`);
      let messages;
      try {
        messages = JSON.parse(res.stderr || res.stdout).messages;
      } catch {
        throw new Error(`vnu exited ${res.status} without JSON:\n${res.stdout}\n${res.stderr}`);
      }
      const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
      console.log(`vnu: ${files.length} .html files, ${errors.length} errors, ${((Date.now() - t0) / 1000).toFixed(1)}s`);
      const lines = errors.slice(0, 50).map((m) => `  ${path.relative(out, fileURLToPath(m.url || 'file:///?'))}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'} ${m.message}${m.extract ? `\n      ${m.extract.replace(/\n/g, ' ').slice(0, 160)}` : ''}`);
      if (errors.length > 50) lines.push(`  … and ${errors.length - 50} more`);
      assert.equal(errors.length, 0, `vnu errors:\n${lines.join('\n')}`);
      assert.equal(res.status, 0, `vnu exit status ${res.status}`);
    });
  });
}
