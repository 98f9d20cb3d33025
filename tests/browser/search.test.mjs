// The search engine of themes/default/static/search.js, run under Node against the
// index that baucu built from the sample content:
//
//   BAUCU_OUT=/path/to/public node --test tests/browser/
//
// Files are read from disk through the engine's loader, exactly as the browser
// would fetch them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as source from '../../themes/default/static/search.js';

const OUT = process.env.BAUCU_OUT;
const SOURCE = fileURLToPath(new URL('../../themes/default/static/search.js', import.meta.url));

/** The script as the build published it (minified: what browsers run), or null. */
function publishedScript() {
  if (!OUT) return null;
  const dir = path.join(OUT, 'quang-ninh', 'static');
  const name = readdirSync(dir).find((f) => /^search\.[0-9a-f]{10}\.js$/.test(f));
  return name ? path.join(dir, name) : null;
}

// With a build, every test runs the published, minified script; without one, the
// theme's source.
const PUBLISHED = publishedScript();
const { Engine, fold, nearlyEqual, shardOf, tokenize } = PUBLISHED
  ? await import(pathToFileURL(PUBLISHED).href)
  : source;

describe('the published script', { skip: !OUT && 'BAUCU_OUT is not set' }, () => {
  it('is the minified source, and exports the same names', async () => {
    assert.ok(PUBLISHED, 'static/search.<hash>.js is published');
    const published = readFileSync(PUBLISHED, 'utf8');
    const written = readFileSync(SOURCE, 'utf8');
    assert.ok(published.length < written.length * 0.75, `${published.length} of ${written.length} bytes`);
    assert.ok(!published.includes('// baucu search'), 'comments are gone');
    assert.ok(!published.includes('\n  '), 'indentation is gone');
    const exported = await import(pathToFileURL(PUBLISHED).href);
    assert.deepEqual(Object.keys(exported).sort(), Object.keys(source).sort());
  });
});

/** The engine of a province and language, reading its index from the build. */
function engine(province, lang) {
  const site = path.join(OUT, province);
  const page = readFileSync(path.join(site, lang === 'vi' ? 'tim-kiem' : 'en/search', 'index.html'), 'utf8');
  const manifest = /data-index="?([^"\s>]+)/.exec(page)[1];
  const fetched = [];
  const e = new Engine(manifest, async (url) => {
    fetched.push(url);
    return JSON.parse(readFileSync(path.join(site, url), 'utf8'));
  });
  e.fetched = fetched;
  return e;
}

async function top(e, query, filters, n = 10) {
  const { results } = await e.search(query, filters);
  return Promise.all(results.slice(0, n).map((r) => e.describe(r.doc)));
}

describe('text handling', () => {
  it('folds tone marks and đ', () => {
    assert.equal(fold('Đà Nẵng'), 'da nang');
    assert.equal(fold('NGUYỄN Thị Hồng Hạnh'), 'nguyen thi hong hanh');
    assert.deepEqual(tokenize('Hạ Long, 2026').map((t) => t.folded), ['ha', 'long', '2026']);
  });
  it('accepts one wrong letter', () => {
    assert.ok(nearlyEqual('hanh', 'hahn'));
    assert.ok(nearlyEqual('nguyen', 'nguyn'));
    assert.ok(nearlyEqual('nguyen', 'nguyenn'));
    assert.ok(nearlyEqual('hong', 'hung'));
    assert.ok(!nearlyEqual('hong', 'hang2x'));
  });
});

describe('search on the sample portals', { skip: !OUT && 'BAUCU_OUT is not set' }, () => {
  it('finds a candidate by name without tone marks, first', async () => {
    const e = engine('quang-ninh', 'vi');
    const [first] = await top(e, 'nguyen thi hong hanh');
    assert.equal(first.url, '/ung-cu-vien/nguyen-thi-hong-hanh-1976/');
    assert.equal(first.title, 'Nguyễn Thị Hồng Hạnh');
  });

  it('finds the candidate as the last word is typed (prefix)', async () => {
    const e = engine('quang-ninh', 'vi');
    const [first] = await top(e, 'nguyen thi hong ha');
    assert.equal(first.url, '/ung-cu-vien/nguyen-thi-hong-hanh-1976/');
  });

  it('finds a misspelt name', async () => {
    for (const query of ['nguyen thi hong hahn', 'nguyen thi hogn hanh', 'nguyen thi hong hạnhh']) {
      const [first] = await top(engine('quang-ninh', 'vi'), query);
      assert.equal(first?.url, '/ung-cu-vien/nguyen-thi-hong-hanh-1976/', query);
    }
  });

  it('"da nang" finds Đà Nẵng', async () => {
    const results = await top(engine('da-nang', 'vi'), 'da nang');
    assert.ok(results.length >= 3);
    // The pages that name Đà Nẵng come first; pages with "đã" and "năng" apart may follow.
    for (const r of results.slice(0, 3)) assert.match(r.title + ' ' + r.snippet, /Đà Nẵng/, r.title);
  });

  it('"hạ long" with tone marks ranks exact matches first', async () => {
    const e = engine('quang-ninh', 'vi');
    const { results } = await e.search('hạ long');
    assert.ok(results.length > 0);
    const described = await Promise.all(results.map((r) => e.describe(r.doc)));
    const exact = (r) => (r.title + ' ' + r.snippet).toLowerCase().includes('hạ long');
    assert.ok(exact(described[0]), `first result "${described[0].title}" has "Hạ Long"`);
    // No result without the exact spelling ranks above one with it (by title and snippet).
    const firstInexact = described.findIndex((r) => !exact(r));
    const lastExact = described.map(exact).lastIndexOf(true);
    if (firstInexact >= 0) assert.ok(firstInexact > described.findIndex(exact));
    assert.ok(lastExact >= 0);
    // The same words with other tone marks still find Hạ Long, ranked lower than with the right ones.
    const wrong = await e.search('hà lòng');
    const unit = results[0].doc;
    const wrongScore = wrong.results.find((r) => r.doc === unit)?.score ?? 0;
    assert.ok(wrongScore > 0 && wrongScore < results[0].score, 'tone-exact scores higher');
  });

  it('a place ranks adjacent words above words found apart', async () => {
    const e = engine('quang-ninh', 'vi');
    const [first] = await top(e, 'phuong ha long');
    assert.match(first.title + ' ' + first.snippet, /Phường Hạ Long/);
  });

  it('filters by kind, category, level and date', async () => {
    const e = engine('quang-ninh', 'vi');
    const candidates = await top(e, 'quang ninh', { kind: 'c' }, 50);
    assert.ok(candidates.length > 0);
    assert.ok(candidates.every((r) => r.kind === 'c' && r.url.startsWith('/ung-cu-vien/')));
    const news = await top(e, 'bầu cử', { kind: 'n' }, 50);
    assert.ok(news.length > 0 && news.every((r) => r.kind === 'n' && r.url.startsWith('/tin-tuc/')));
    const all = (await e.search('bầu cử', { kind: 'n' })).results.length;
    const category = (await e.search('bầu cử', { category: 'chi-dao' })).results;
    assert.ok(category.length > 0 && category.length < all, 'category narrows the news');
    const dated = await top(e, 'bầu cử', { from: '2026-03-01', to: '2026-03-31' }, 50);
    assert.ok(dated.length > 0 && dated.every((r) => r.date >= '2026-03-01' && r.date <= '2026-03-31'), 'date range');
    const level = await top(e, 'don vi bau cu', { level: 'quoc-hoi' }, 50);
    assert.ok(level.length > 0 && level.every((r) => r.url.includes('quoc-hoi') || r.kind === 'c'), 'level');
    const none = await e.search('nguyen thi hong hanh', { kind: 'f' });
    assert.equal(none.results.length, 0);
  });

  it('an English index has English pages', async () => {
    const [first] = await top(engine('quang-ninh', 'en'), 'nguyen thi hong hanh');
    assert.equal(first.url, '/en/candidates/nguyen-thi-hong-hanh-1976/');
  });

  it('downloads only the shards a query needs', async () => {
    const e = engine('quang-ninh', 'vi');
    await top(e, 'nguyen thi hong hanh');
    const shards = e.fetched.filter((u) => /\/s-/.test(u)).map((u) => u.split('/').pop().split('.')[0]);
    // The shard of each word and of each pair of neighbours, as the manifest splits
    // them (a big shard is split by a longer prefix): nothing else.
    const manifest = await e.manifest();
    const terms = ['nguyen', 'thi', 'hong', 'hanh', 'nguyen_thi', 'thi_hong', 'hong_hanh'];
    const wanted = terms.map((t) => shardOf(manifest.shardKeys, t)).filter((k) => manifest.shardKeys.has(k));
    const deeper = [...manifest.shardKeys].filter((k) => k.length > 4 && k.startsWith('hanh') && !k.includes('_'));
    const expected = new Set([...wanted, ...deeper.slice(0, 3)].map((k) => 's-' + k.replaceAll('_', '-')));
    assert.deepEqual([...new Set(shards)].sort(), [...expected].sort());
    assert.ok(shards.length <= 8, `a few small files: ${shards}`);
    assert.ok(e.fetched.every((u) => /\.[0-9a-f]{10}\.json$/.test(u)), 'every file name carries a content hash');
    assert.ok(existsSync(path.join(OUT, 'quang-ninh', e.fetched[0])));
  });
});

// Ranking: the first result for a query, on the sample portals, in both languages.
// Each case is [province, language, query, expected first result]: `url` and/or
// `title`, each a string (equal) or a RegExp; `kind` when any document of a kind will
// do. People and places come before news; words side by side before words apart;
// a typo that makes another real syllable ("phong" for "phương") is recovered.
const RANKING = [
  // Places: a commune is a result of its own, linking to its row of the lookup page.
  ['quang-ninh', 'vi', 'co to', { url: '/tra-cuu/#dac-khu-co-to-7192', title: 'Đặc khu Cô Tô' }],
  ['quang-ninh', 'vi', 'cô tô', { url: '/tra-cuu/#dac-khu-co-to-7192' }],
  ['quang-ninh', 'vi', 'ha long', { url: '/tra-cuu/#phuong-ha-long-6688', title: 'Phường Hạ Long' }],
  ['quang-ninh', 'vi', 'phuong ha long', { url: '/tra-cuu/#phuong-ha-long-6688' }],
  ['quang-ninh', 'vi', 'hong gai', { url: '/tra-cuu/#phuong-hong-gai-6685' }],
  ['quang-ninh', 'vi', 'mong cai 2', { url: '/tra-cuu/#phuong-mong-cai-2-6709' }],
  ['quang-ninh', 'vi', 'ba che', { url: '/tra-cuu/#xa-ba-che-6970', title: 'Xã Ba Chẽ' }],
  ['quang-ninh', 'vi', 'dong trieu', { url: '/tra-cuu/#phuong-dong-trieu-7093' }],
  ['quang-ninh', 'vi', 'Vân Đồn', { url: '/tra-cuu/#dac-khu-van-don-6994' }],
  ['da-nang', 'vi', 'hai chau', { url: '/tra-cuu/#phuong-hai-chau-20242' }],
  ['da-nang', 'vi', 'hoang sa', { url: '/tra-cuu/#dac-khu-hoang-sa-20333' }],
  ['da-nang', 'vi', 'hoi an', { url: '/tra-cuu/#phuong-hoi-an-20410', title: 'Phường Hội An' }],
  ['da-nang', 'vi', 'hoi an tay', { url: '/tra-cuu/#phuong-hoi-an-tay-20401' }],
  ['da-nang', 'vi', 'dien ban dong', { url: '/tra-cuu/#phuong-dien-ban-dong-20579' }],
  ['quang-ninh', 'en', 'co to', { url: '/en/lookup/#dac-khu-co-to-7192' }],
  ['quang-ninh', 'en', 'ha long ward', { url: '/en/lookup/#phuong-ha-long-6688' }],
  ['quang-ninh', 'en', 'ba che commune', { url: '/en/lookup/#xa-ba-che-6970' }],
  ['da-nang', 'en', 'hoang sa special zone', { url: '/en/lookup/#dac-khu-hoang-sa-20333' }],
  // People: a name before the news and lists that mention it.
  ['quang-ninh', 'vi', 'nguyen', { kind: 'c', title: /^Nguyễn /, url: /^\/ung-cu-vien\// }],
  ['quang-ninh', 'vi', 'nguyen thi hong hanh', { url: '/ung-cu-vien/nguyen-thi-hong-hanh-1976/', title: 'Nguyễn Thị Hồng Hạnh' }],
  ['quang-ninh', 'vi', 'Đặng Quang Huy', { url: '/ung-cu-vien/dang-quang-huy-1974/' }],
  ['quang-ninh', 'vi', 'vuong thi thanh nhan', { url: '/ung-cu-vien/vuong-thi-thanh-nhan-1980/' }],
  ['quang-ninh', 'vi', 'tran trung hai', { url: '/ung-cu-vien/tran-trung-hai-1972/' }],
  ['quang-ninh', 'vi', 'pham van hung', { url: '/ung-cu-vien/pham-van-hung-1983/', title: 'Phạm Văn Hưng' }],
  ['quang-ninh', 'en', 'nguyen', { kind: 'c', url: /^\/en\/candidates\/nguyen-/ }],
  // Typos: one that makes another real syllable, and one that makes none.
  ['quang-ninh', 'vi', 'nguyen thi minh phong', { url: '/ung-cu-vien/nguyen-thi-minh-phuong-1987/', title: 'Nguyễn Thị Minh Phương' }],
  ['quang-ninh', 'vi', 'lam thi thu phong', { url: '/ung-cu-vien/lam-thi-thu-phuong-1990/' }],
  ['quang-ninh', 'vi', 'ngo thi lan hung', { url: '/ung-cu-vien/ngo-thi-lan-huong-1995/' }],
  ['quang-ninh', 'vi', 'nguyen thi hong hahn', { url: '/ung-cu-vien/nguyen-thi-hong-hanh-1976/' }],
  ['quang-ninh', 'vi', 'tran trung hoi', { url: '/ung-cu-vien/tran-trung-hai-1972/', title: 'Trần Trung Hải' }],
  ['quang-ninh', 'vi', 'dang quang hay', { url: '/ung-cu-vien/dang-quang-huy-1974/' }],
  ['quang-ninh', 'vi', 'bui thi ngoc ang', { url: '/ung-cu-vien/bui-thi-ngoc-anh-1986/' }],
  ['quang-ninh', 'vi', 'hong gia', { url: '/tra-cuu/#phuong-hong-gai-6685', title: 'Phường Hồng Gai' }],
  ['quang-ninh', 'vi', 'ha lonh', { url: '/tra-cuu/#phuong-ha-long-6688' }],
  ['quang-ninh', 'en', 'nguyen thi minh phong', { url: '/en/candidates/nguyen-thi-minh-phuong-1987/' }],
  // Units and the site's sections.
  ['quang-ninh', 'vi', 'don vi bau cu so 2 quoc hoi', { url: '/don-vi-bau-cu/quoc-hoi/2/' }],
  ['quang-ninh', 'vi', 'hdnd tinh', { url: '/don-vi-bau-cu/hdnd-tinh/' }],
  ['quang-ninh', 'vi', 'ket qua bau cu', { url: '/ket-qua/', title: 'Kết quả bầu cử' }],
  ['quang-ninh', 'vi', 'danh sach nguoi ung cu', { url: '/ung-cu-vien/' }],
  ['quang-ninh', 'vi', 'tra cuu', { url: '/tra-cuu/' }],
  ['quang-ninh', 'vi', 'hoi dap', { url: '/hoi-dap/' }],
  ['quang-ninh', 'vi', 'lich trinh', { url: '/lich-trinh/' }],
  ['quang-ninh', 'en', 'timeline', { url: '/en/timeline/' }],
  ['quang-ninh', 'en', 'national assembly unit 2', { url: '/en/units/quoc-hoi/2/' }],
  ['quang-ninh', 'en', "provincial people's council", { url: '/en/units/hdnd-tinh/' }],
  ['quang-ninh', 'en', 'election results', { url: '/en/results/' }],
  ['quang-ninh', 'en', 'candidates', { url: '/en/candidates/' }],
  // Phrases: the words side by side, in a title, before the same words apart.
  ['quang-ninh', 'vi', 'trung cu', { url: '/hoi-dap/#nguoi-trung-cu' }],
  ['quang-ninh', 'vi', 'the cu tri', { url: '/tin-tuc/cu-tri-hoi-uy-ban-bau-cu-tra-loi/' }],
  ['quang-ninh', 'vi', 'tiep xuc cu tri', { url: '/tin-tuc/tiep-xuc-cu-tri-don-vi-so-2/' }],
  ['quang-ninh', 'vi', 'bau cu bo sung', { url: '/tin-tuc/huong-dan-bau-cu-bo-sung-dai-bieu-hdnd-cap-xa/' }],
  ['quang-ninh', 'vi', 'cong nhan mo', { url: '/hoi-dap/#quang-ninh-cong-nhan-lam-ca' }],
  ['quang-ninh', 'vi', '05/NQ-UBBC', { url: /nghi-quyet-05-nq-ubbc-2025$/ }],
  ['quang-ninh', 'en', 'voters turn out', { url: '/en/news/cu-tri-quang-ninh-di-bau-cu/' }],
  ['quang-ninh', 'en', 'about this portal', { url: '/en/gioi-thieu/' }],
  ['da-nang', 'vi', 'co tu', { url: '/tin-tuc/thong-tin-bau-cu-bang-tieng-co-tu/' }],
  ['da-nang', 'vi', 'ngay hoi non song', { url: '/tin-tuc/cu-tri-da-nang-di-bau-cu/' }],
];

describe('ranking: the first result', { skip: !OUT && 'BAUCU_OUT is not set' }, () => {
  const engines = new Map();
  const engineOf = (province, lang) => {
    const key = `${province}/${lang}`;
    if (!engines.has(key)) engines.set(key, engine(province, lang));
    return engines.get(key);
  };
  const matches = (expected, actual) => (expected instanceof RegExp ? expected.test(actual) : expected === actual);
  for (const [province, lang, query, expected] of RANKING) {
    it(`${province}/${lang}: "${query}" → ${expected.title || expected.url || expected.kind}`, async () => {
      const [first, second] = await top(engineOf(province, lang), query, {}, 2);
      assert.ok(first, `"${query}" finds something`);
      const seen = `first: ${first.title} ${first.url} [${first.kind}]; second: ${second?.title} ${second?.url}`;
      for (const field of ['url', 'title', 'kind']) {
        if (expected[field] !== undefined) assert.ok(matches(expected[field], first[field]), `${field}: ${seen}`);
      }
    });
  }

  it('has at least 30 cases, in both languages', () => {
    assert.ok(RANKING.length >= 30);
    assert.ok(RANKING.some(([, lang]) => lang === 'en') && RANKING.some(([, lang]) => lang === 'vi'));
  });

  it('a commune links to its row of the lookup page, which has that anchor', async () => {
    for (const [province, lang, lookup] of [['quang-ninh', 'vi', 'tra-cuu'], ['quang-ninh', 'en', 'en/lookup']]) {
      const [first] = await top(engineOf(province, lang), 'co to', {}, 1);
      const [page, anchor] = first.url.split('#');
      assert.equal(page, `/${lookup}/`);
      const html = readFileSync(path.join(OUT, province, lookup, 'index.html'), 'utf8');
      assert.match(html, new RegExp(`id="?${anchor}[">\\s]`), `${lookup} has #${anchor}`);
      assert.equal(first.kind, 'x');
    }
  });

  it('a real-syllable typo is highlighted as the word it was found as', async () => {
    const e = engineOf('quang-ninh', 'vi');
    const { tokens } = await e.search('nguyen thi minh phong');
    const pieces = source.highlight('Nguyễn Thị Minh Phương', tokens);
    assert.deepEqual(pieces.filter(([, hit]) => hit).map(([text]) => text), ['Nguyễn', 'Thị', 'Minh', 'Phương']);
  });
});
