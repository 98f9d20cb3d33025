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
/** Shortest word tried one letter away when every word exists but they make no
 *  phrase together ("hong gia" for Hồng Gai). */
const MIN_SYLLABLE_TYPO_LENGTH = 3;
/** Least score of a pair (two neighbouring words) found in a name, title or list of
 *  places: the build scores a pair at twice its field's weight, and running text
 *  weighs 1 (plus 2 for repeats). */
const STRONG_PHRASE = 6;
/** Most words one letter away tried for one query word. */
const MAX_VARIANTS = 12;

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
   *  `filters`: `kind` (codes, e.g. "c" or ["n","f"]), `category`, `level`, `from`, `to`.
   *  Ranking: documents with more of the query's neighbouring words side by side
   *  (phrases) in a name, title or list of places first, then by score (names and
   *  titles weigh most, see the build; phrases add to it). */
  async search(query, filters = {}) {
    const tokens = tokenize(query);
    if (!tokens.length) return { tokens, results: [] };
    const manifest = await this.manifest();
    const last = tokens.length - 1;
    const pairs = tokens.slice(1).map((t, i) => tokens[i].folded + '_' + t.folded);
    const [shards] = await Promise.all([
      Promise.all(tokens.map(t => this.shardFor(t.folded))),
      Promise.all(pairs.map(pair => this.shardFor(pair))),
    ]);
    let matched = await Promise.all(tokens.map((token, i) => this.matchToken(token, shards[i], i === last)));

    // Every word must match. When each exists but they match nothing together, one
    // may be a typo that made another real syllable ("phong" for "phương"): try the
    // words one letter away from each, then, failing that, the best partial matches.
    let docs = together(matched);
    let phrases = await this.phrases(tokens, matched, docs);
    if (tokens.length > 1 && !docs.some(d => phrases.get(d)?.count === pairs.length)) {
      // Only the words next to a pair no page has side by side.
      const broken = i => (i > 0 && !phrases.pairs[i - 1]) || (i < last && !phrases.pairs[i]);
      const widened = await Promise.all(tokens.map((token, i) => (broken(i) ? this.widen(token, matched[i], MIN_SYLLABLE_TYPO_LENGTH) : matched[i])));
      const found = together(widened);
      const wider = await this.phrases(tokens, widened, found);
      const best = (p, list) => Math.max(0, ...list.map(d => p.get(d)?.count || 0));
      if (found.length && (!docs.length || best(wider, found) > best(phrases, docs))) {
        [matched, docs, phrases] = [widened, found, wider];
      }
    }
    // The words each query word was found as, for highlighting.
    matched.forEach((m, i) => { tokens[i].forms = m.forms.map(([form]) => form); });
    const all = docs.length > 0 || tokens.length === 1;
    if (!all) docs = [...new Set(matched.flatMap(m => [...m.found.keys()]))];
    const scores = new Map(docs.map(d => [d, matched.reduce((sum, m) => sum + (m.found.get(d) || 0), 0)]));

    for (const [doc, phrase] of phrases) {
      if (scores.has(doc)) scores.set(doc, scores.get(doc) + phrase.score * PAIR_WEIGHT);
    }
    const keep = facetFilter(manifest, filters);
    const results = [...scores]
      .filter(([doc]) => keep(doc))
      .map(([doc, score]) => ({ doc, score: all ? score : score / 2, phrases: phrases.get(doc)?.strong || 0 }))
      .sort((a, b) => b.phrases - a.phrases || b.score - a.score || a.doc - b.doc);
    return { tokens, results };
  }

  /** doc → { count, strong, score } of the query's neighbouring words that stand
   *  side by side in the document (`docs`: when given and not empty, only those);
   *  `strong` counts those found in a name, title or list of places, not in running
   *  text. `.pairs[i]`: whether words i and i + 1 stand side by side anywhere. */
  async phrases(tokens, matched, docs) {
    const only = docs.length ? new Set(docs) : null;
    const out = new Map();
    const last = tokens.length - 1;
    // Whether each pair stands side by side in any document.
    out.pairs = [];
    for (let i = 0; i < last; i++) {
      const found = await this.matchPair(tokens[i], tokens[i + 1], matched[i].forms, matched[i + 1].forms, i + 1 === last);
      out.pairs.push(found.size > 0);
      for (const [doc, score] of found) {
        if (only && !only.has(doc)) continue;
        const phrase = out.get(doc) || { count: 0, strong: 0, score: 0 };
        const strong = score >= STRONG_PHRASE ? 1 : 0;
        out.set(doc, { count: phrase.count + 1, strong: phrase.strong + strong, score: phrase.score + score });
      }
    }
    return out;
  }

  /** One query word's matches: `found` (doc → score) and `forms` (the indexed words
   *  it matched as, with their weights). Exact, prefix (the last word, as the user
   *  types) and, when nothing matches exactly, one-letter typos (words of four
   *  letters or more). */
  async matchToken(token, shard, last) {
    const found = new Map();
    const forms = [[token.folded, 1]];
    const exact = shard[token.folded];
    if (exact) take(found, exact, 1, token);
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
          if (term !== token.folded && !term.includes('_') && term.startsWith(token.folded)) take(found, part[term], PREFIX_WEIGHT, token);
        }
      }
    }
    const result = { token, found, forms, widened: false };
    return exact ? result : this.widen(token, result);
  }

  /** `matched` with the words one letter away from the query word added (once; only
   *  for words of `min` letters or more). */
  async widen(token, matched, min = MIN_TYPO_LENGTH) {
    if (matched.widened || Array.from(token.folded).length < min) return matched;
    const words = await this.vocabulary(token.folded);
    const near = words.filter(w => w !== token.folded && nearlyEqual(w, token.folded)).slice(0, MAX_VARIANTS);
    const found = new Map(matched.found);
    const shards = await Promise.all(near.map(w => this.shardFor(w)));
    near.forEach((w, i) => shards[i][w] && take(found, shards[i][w], TYPO_WEIGHT, token));
    return { token, found, forms: [...matched.forms, ...near.map(w => [w, TYPO_WEIGHT])], widened: true };
  }

  /** doc → score of two neighbouring query words found side by side, in any of the
   *  forms they matched as (the second word's prefix too, when it is being typed). */
  async matchPair(first, second, firstForms, secondForms, typing) {
    const found = new Map();
    const toned = { toned: first.toned + ' ' + second.toned, folded: first.folded + ' ' + second.folded };
    for (const [a, wa] of firstForms.slice(0, MAX_VARIANTS + 1)) {
      for (const [b, wb] of secondForms.slice(0, MAX_VARIANTS + 1)) {
        const term = a + '_' + b;
        const shard = await this.shardFor(term);
        const weight = Math.min(wa, wb);
        if (shard[term]) take(found, shard[term], weight, weight === 1 ? toned : null);
        if (typing && b === second.folded && b.length >= 2) {
          for (const other of Object.keys(shard)) {
            if (other !== term && other.startsWith(term)) take(found, shard[other], PREFIX_WEIGHT * weight, null);
          }
        }
      }
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

/** Adds a term's postings to `found` (doc → best score) at `weight`; documents that
 *  spell the term with the query's tone marks count more (`token`: the query's
 *  toned and folded forms, or null). */
function take(found, entry, weight, token) {
  const marked = token && token.toned !== token.folded;
  for (const [doc, score, spelling] of postings(entry)) {
    const bonus = marked && entry[0][spelling] === token.toned ? TONE_BONUS : 1;
    const s = score * weight * bonus;
    if (s > (found.get(doc) || 0)) found.set(doc, s);
  }
}

/** Documents every word matched. */
function together(matched) {
  return [...matched[0].found.keys()].filter(d => matched.every(m => m.found.has(d)));
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
 *  word or a word it was found as (or starts with the last one, as it is being typed). */
export function highlight(text, tokens) {
  const words = tokens.flatMap(t => [t.folded, ...(t.forms || [])]);
  const last = tokens.length ? tokens[tokens.length - 1].folded : '';
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

  // A portal without news (the national one) has no category, level or date fields.
  const value = name => (form.elements[name] ? form.elements[name].value : '');
  const filters = () => ({
    kind: value('kind'),
    category: value('category'),
    level: value('level'),
    from: value('from'),
    to: value('to'),
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
