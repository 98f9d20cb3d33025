// baucu search: answers the search page's form in the browser from a static index,
// downloading only the shards a query needs. No dependencies. The query engine is
// exported for tests; the page code at the end runs only in a browser.

/** Lowercase, drop tone and vowel marks, fold đ to d: "Đà Nẵng" → "da nang". */
export function fold(text) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
}

/** Words of a text with their folded and toned (lowercase) forms. */
export function tokenize(text) {
  const out = [];
  for (const word of text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word) out.push({ toned: word, folded: fold(word) });
  }
  return out;
}

/** The first shard of a term: its first two characters (as the build names them). */
export function shardKey(term) {
  const key = Array.from(term).slice(0, 2).join('');
  return /^[a-z0-9_]+$/.test(key) ? key : 'u' + term.codePointAt(0).toString(16);
}

/** The shard that holds `term` among `keys` (the manifest's): on a big portal
 *  shards are split by longer prefixes, and a term lives in the shard of the longest
 *  key it starts with. */
export function shardOf(keys, term) {
  const base = shardKey(term);
  if (!term.startsWith(base)) return base;
  const chars = Array.from(term);
  let key = base;
  for (let length = base.length + 1; length <= chars.length; length++) {
    const longer = chars.slice(0, length).join('');
    if (keys.has(longer)) key = longer;
  }
  return key;
}

/** Most extra shards fetched to complete the word being typed. */
const MAX_PREFIX_SHARDS = 3;

/** True when a and b differ by at most one letter: one changed, added or dropped,
 *  or two neighbours swapped. */
export function nearlyEqual(a, b) {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const PREFIX_WEIGHT = 0.6;
const TYPO_WEIGHT = 0.5;
const TONE_BONUS = 1.5;
const PAIR_WEIGHT = 2;
const MIN_TYPO_LENGTH = 4;

/** Julian day number of an ISO date (as the index stores news dates). */
export function julianDay(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86400000) + 2440588;
}

export class Engine {
  /** `manifestUrl`: the index's manifest; `load(url)`: resolves to parsed JSON. */
  constructor(manifestUrl, load) {
    this.manifestUrl = manifestUrl;
    this.dir = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
    this.load = load || (url => fetch(url).then(r => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    }));
    this.shards = new Map();
    this.metas = new Map();
  }

  manifest() {
    if (!this.manifestPromise) {
      this.manifestPromise = this.load(this.manifestUrl).then(manifest => {
        manifest.shardKeys = new Set(Object.keys(manifest.shards));
        // Julian days of the news documents, from the differences stored.
        let day = 0;
        manifest.newsDays = manifest.news_days.map(delta => (day += delta));
        return manifest;
      });
    }
    return this.manifestPromise;
  }

  /** The URL of an index file: `stem` (`s-ha`, `v-n`, `m-12`) and the hash that
   *  names it. */
  file(stem, hash) {
    return `${this.dir}${stem}.${hash}.json`;
  }

  /** The shard holding `term`. */
  async shardFor(term) {
    const manifest = await this.manifest();
    return this.shard(shardOf(manifest.shardKeys, term));
  }

  async shard(key) {
    const manifest = await this.manifest();
    if (!this.shards.has(key)) {
      const found = manifest.shardKeys.has(key);
      this.shards.set(key, found ? this.load(this.file('s-' + key.replaceAll('_', '-'), manifest.shards[key])) : Promise.resolve({}));
    }
    return this.shards.get(key);
  }

  /** Matching documents, best first: `{ tokens, results: [{ doc, score }] }`.
   *  `filters`: `kind` (codes, e.g. "c" or ["n","f"]), `category`, `level`, `from`, `to`. */
  async search(query, filters = {}) {
    const tokens = tokenize(query);
    if (!tokens.length) return { tokens, results: [] };
    const manifest = await this.manifest();
    const pairs = tokens.slice(1).map((t, i) => tokens[i].folded + '_' + t.folded);
    const [shards, pairShards] = await Promise.all([
      Promise.all(tokens.map(t => this.shardFor(t.folded))),
      Promise.all(pairs.map(pair => this.shardFor(pair))),
    ]);
    const perToken = await Promise.all(tokens.map((token, i) => this.matchToken(token, shards[i], i === tokens.length - 1)));

    // Every word must match; when nothing has them all, the best partial matches.
    let docs = [...perToken[0].keys()].filter(d => perToken.every(m => m.has(d)));
    const all = docs.length > 0 || tokens.length === 1;
    if (!all) docs = [...new Set(perToken.flatMap(m => [...m.keys()]))];
    const scores = new Map(docs.map(d => [d, perToken.reduce((sum, m) => sum + (m.get(d) || 0), 0)]));

    // Words that stand side by side in the document, as in the query, count double.
    for (let i = 0; i + 1 < tokens.length; i++) {
      const pair = pairs[i];
      const entry = pairShards[i][pair];
      if (!entry) continue;
      const toned = tokens[i].toned + ' ' + tokens[i + 1].toned;
      const marked = toned !== pair.replace('_', ' ');
      for (const [doc, score, spelling] of postings(entry)) {
        if (!scores.has(doc)) continue;
        const bonus = marked && entry[0][spelling] === toned ? TONE_BONUS : 1;
        scores.set(doc, scores.get(doc) + score * PAIR_WEIGHT * bonus);
      }
    }
    const keep = facetFilter(manifest, filters);
    const results = [...scores]
      .filter(([doc]) => keep(doc))
      .map(([doc, score]) => ({ doc, score: all ? score : score / 2 }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { tokens, results };
  }

  /** doc → score for one query word: exact, prefix (the last word, as the user
   *  types) and, when nothing matches exactly, one-letter typos (words of four letters
   *  or more; any letter but the first). */
  async matchToken(token, shard, last) {
    const found = new Map();
    const marked = token.toned !== token.folded;
    const take = (entry, weight) => {
      for (const [doc, score, spelling] of postings(entry)) {
        const bonus = marked && entry[0][spelling] === token.toned ? TONE_BONUS : 1;
        const s = score * weight * bonus;
        if (s > (found.get(doc) || 0)) found.set(doc, s);
      }
    };
    const exact = shard[token.folded];
    if (exact) take(exact, 1);
    if (last && token.folded.length >= 2) {
      // Words the user is still typing may live in shards split below this one.
      const manifest = await this.manifest();
      const deeper = [...manifest.shardKeys]
        .filter(k => k.length > token.folded.length && k.startsWith(token.folded) && !k.includes('_'))
        .sort()
        .slice(0, MAX_PREFIX_SHARDS);
      const more = await Promise.all(deeper.map(k => this.shard(k)));
      for (const part of [shard, ...more]) {
        for (const term of Object.keys(part)) {
          if (term !== token.folded && !term.includes('_') && term.startsWith(token.folded)) take(part[term], PREFIX_WEIGHT);
        }
      }
    }
    if (!exact && token.folded.length >= MIN_TYPO_LENGTH) {
      const words = await this.vocabulary(token.folded);
      const near = words.filter(w => w !== token.folded && nearlyEqual(w, token.folded));
      const shards = await Promise.all(near.map(w => this.shardFor(w)));
      near.forEach((w, i) => shards[i][w] && take(shards[i][w], TYPO_WEIGHT));
    }
    return found;
  }

  /** Every indexed word that starts with the same letter as `word`. */
  async vocabulary(word) {
    const manifest = await this.manifest();
    const first = Array.from(word)[0];
    const key = /^[a-z0-9]$/.test(first) ? first : 'u' + first.codePointAt(0).toString(16);
    const hash = manifest.vocabulary[key];
    if (!hash) return [];
    if (!this.shards.has('v:' + key)) this.shards.set('v:' + key, this.load(this.file('v-' + key, hash)));
    return this.shards.get('v:' + key);
  }

  /** Title, URL, kind, date and snippet of a document (its metadata chunk is loaded
   *  on first use). */
  async describe(doc) {
    const manifest = await this.manifest();
    const chunk = Math.floor(doc / manifest.meta_size);
    if (!this.metas.has(chunk)) {
      const hash = manifest.meta_blocks[Math.floor(chunk / manifest.meta_block)];
      this.metas.set(chunk, this.load(this.file('m-' + chunk, hash)));
    }
    const [url, title, kind, date, snippet] = (await this.metas.get(chunk))[doc % manifest.meta_size];
    return { doc, url, title, kind, date, snippet };
  }
}

/** (doc, score, spelling) triples of a term's postings (ids are stored as gaps). */
function* postings(entry) {
  const flat = entry[1];
  let doc = 0;
  for (let i = 0; i < flat.length; i += 3) {
    doc += flat[i];
    yield [doc, flat[i + 1], flat[i + 2]];
  }
}

function facetFilter(manifest, filters) {
  const kinds = [].concat(filters.kind || []).filter(Boolean);
  const kindOf = doc => (manifest.kinds.find(([, start, end]) => doc >= start && doc < end) || ['?'])[0];
  const news = manifest.kinds.find(([k]) => k === 'n');
  const category = filters.category ? manifest.categories.indexOf(filters.category) : null;
  const level = filters.level ? manifest.levels.indexOf(filters.level) : null;
  const from = filters.from ? julianDay(filters.from) : null;
  const to = filters.to ? julianDay(filters.to) : null;
  return doc => {
    if (kinds.length && !kinds.includes(kindOf(doc))) return false;
    if (level !== null) {
      if (level < 0 || !((parseInt(manifest.level_masks[doc], 32) >> level) & 1)) return false;
    }
    if (category !== null || from !== null || to !== null) {
      if (!news || doc < news[1] || doc >= news[2]) return false;
      const day = manifest.newsDays[doc - news[1]];
      const cat = parseInt(manifest.news_categories[doc - news[1]], 36);
      if (category !== null && cat !== category) return false;
      if (from !== null && day < from) return false;
      if (to !== null && day > to) return false;
    }
    return true;
  };
}

/** Splits a text into [text, matched] pieces, matched where a word folds to a query
 *  word (or starts with the last one, as it is being typed). */
export function highlight(text, tokens) {
  const words = tokens.map(t => t.folded);
  const last = words[words.length - 1] || '';
  const pieces = [];
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    if (!part) continue;
    const f = fold(part);
    const hit = words.includes(f) || (last.length >= 2 && f.startsWith(last));
    pieces.push([part, hit]);
  }
  return pieces;
}

// ---------------------------------------------------------------------------
// The page: runs only in a browser, on the search page.

const PAGE_SIZE = 10;

function start(form) {
  const engine = new Engine(form.dataset.index);
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const q = form.elements.q;
  const kindLabels = {};
  for (const option of form.elements.kind.options) kindLabels[option.value] = option.textContent;
  const lang = document.documentElement.lang;
  let shown = 0;
  let current = null;
  let run = 0;

  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'kind', 'category', 'level', 'from', 'to']) {
    if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
  }

  if (['kind', 'category', 'level', 'from', 'to'].some(name => params.get(name))) {
    document.getElementById('search-filters').open = true;
  }

  const filters = () => ({
    kind: form.elements.kind.value,
    category: form.elements.category.value,
    level: form.elements.level.value,
    from: form.elements.from.value,
    to: form.elements.to.value,
  });

  const say = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');

  function formatDate(iso) {
    if (!iso) return '';
    const [y, m, d] = iso.split('-');
    if (lang === 'vi') return `${d}/${m}/${y}`;
    return new Date(Date.UTC(+y, +m - 1, +d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }

  function marked(parent, text, tokens) {
    for (const [piece, hit] of highlight(text, tokens)) {
      if (hit) {
        const mark = document.createElement('mark');
        mark.textContent = piece;
        parent.append(mark);
      } else {
        parent.append(piece);
      }
    }
  }

  async function showMore(id) {
    const batch = current.results.slice(shown, shown + PAGE_SIZE);
    const described = await Promise.all(batch.map(r => engine.describe(r.doc)));
    if (id !== run) return;
    for (const item of described) {
      const li = document.createElement('li');
      const h = document.createElement('h2');
      const a = document.createElement('a');
      a.href = item.url;
      marked(a, item.title, current.tokens);
      h.append(a);
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = [kindLabels[item.kind], formatDate(item.date)].filter(Boolean).join(' · ');
      li.append(h, meta);
      if (item.snippet) {
        const p = document.createElement('p');
        marked(p, item.snippet, current.tokens);
        li.append(p);
      }
      list.append(li);
    }
    shown += batch.length;
    more.hidden = shown >= current.results.length;
  }

  async function update(push) {
    const id = ++run;
    const query = q.value.trim();
    const f = filters();
    const url = new URL(location.href);
    url.search = '';
    if (query) url.searchParams.set('q', query);
    for (const [k, v] of Object.entries(f)) if (v) url.searchParams.set(k, v);
    history[push ? 'pushState' : 'replaceState'](null, '', url);
    list.replaceChildren();
    shown = 0;
    more.hidden = true;
    if (!query) {
      status.textContent = '';
      return;
    }
    status.textContent = form.dataset.msgLoading;
    try {
      current = await engine.search(query, f);
    } catch (e) {
      if (id === run) status.textContent = form.dataset.msgError;
      return;
    }
    if (id !== run) return;
    const n = current.results.length;
    // The count's plural form (i18n `plurals:`): `one` where the language has it.
    const one = n && new Intl.PluralRules(lang).select(n) === 'one' && form.dataset.msgResultsOne;
    status.textContent = say(one || (n ? form.dataset.msgResults : form.dataset.msgNone), { n: n.toLocaleString(lang), q: query });
    if (n) await showMore(id);
  }

  let timer;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => update(false), 180);
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearTimeout(timer);
    update(true);
  });
  more.addEventListener('click', () => showMore(run));
  if (q.value) update(false);
}

if (typeof document !== 'undefined') {
  const form = document.getElementById('search-form');
  if (form) start(form);
}
