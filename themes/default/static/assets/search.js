// Site search for boardpack's default theme (the search page only).
//
// The page's form works without this script (it submits `?q=` to the same page, which says how else to
// find papers). With it, results come from the index boardpack wrote at build time (see src/search.rs):
// `index.json` first, then one shard per query word (`t/<prefix>.json`) and the records of the results
// shown (`d/<n>.json`). Nothing else is fetched, nothing is sent anywhere, and there is no inline script or
// eval, so the site's Content Security Policy (`script-src 'self'`) holds.
//
// Accessibility: results update as you type, but the count is announced (a polite status region) once
// per search: when the form is submitted, a filter changes, or typing has paused. Focus is never moved,
// except to the first new result after "Show more results".
(() => {
  'use strict';

  const form = document.getElementById('search-form');
  if (!form || !window.fetch || !window.URLSearchParams) return;

  const $ = (id) => document.getElementById(id);
  const input = $('search-q');
  const boardSelect = $('search-board');
  const yearSelect = $('search-year');
  const kindBoxes = Array.from(form.querySelectorAll('input[name="kind"]'));
  const heading = $('search-results-heading');
  const status = $('search-status');
  const list = $('search-list');
  const more = $('search-more');
  const none = $('search-none');
  const browse = $('search-browse');
  const noScript = $('search-nojs');
  const base = form.dataset.index;

  /** Results shown at once, and after each "Show more results". */
  const PAGE_SIZE = 10;
  /** Typing: results follow after this pause (ms)… */
  const TYPING_DELAY = 200;
  /** …and the count is announced after this one. */
  const ANNOUNCE_DELAY = 1200;
  /** Most shards fetched to expand the word being typed (a short prefix of a big site needs more). */
  const MAX_PREFIX_SHARDS = 8;
  /** Most distinct stems one typed prefix expands to… */
  const MAX_PREFIX_STEMS = 80;
  /** …and about how many bytes of postings files it may fetch for them. */
  const PREFIX_BUDGET = 600000;
  /** A word matched only as the beginning of other words counts for less than a whole match. */
  const PREFIX_WEIGHT = 0.6;
  const MAX_WORD_CHARS = 40;

  // ---------- Fetching, each file once ----------

  const files = new Map();
  function load(path) {
    if (!files.has(path)) {
      const p = fetch(base + path, { credentials: 'same-origin' }).then((r) => {
        if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
        return r.json();
      });
      p.catch(() => files.delete(path));
      files.set(path, p);
    }
    return files.get(path);
  }

  // ---------- Words: exactly as src/search.rs `words` makes them ----------

  /** Apostrophes and accents dropped, lower case (one character at a time, as Rust does). */
  function fold(text) {
    const stripped = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/['\u2019]/g, '');
    let out = '';
    for (const ch of stripped) out += ch.toLowerCase();
    return out;
  }

  function words(text) {
    return (fold(text).match(/[\p{Alphabetic}\p{N}]+/gu) || []).filter((w) => Array.from(w).length <= MAX_WORD_CHARS);
  }

  // ---------- The index ----------

  let manifest = null;
  let shardKeys = null;
  let maxKeyChars = 0;
  let stopWords = new Set();

  function start() {
    return load('index.json').then((m) => {
      manifest = m;
      shardKeys = new Set(m.shards);
      maxKeyChars = Math.max(0, ...m.shards.map((k) => Array.from(k).length));
      stopWords = new Set(m.stop);
    });
  }

  /** A shard's file: its key if plain ASCII letters and digits, else `_` and its UTF-8 bytes in hex. */
  function shardFile(key) {
    if (/^[a-z0-9]+$/i.test(key)) return `t/${key}.json`;
    const hex = Array.from(new TextEncoder().encode(key), (b) => b.toString(16).padStart(2, '0')).join('');
    return `t/_${hex}.json`;
  }

  /** The shard a word is in: the longest shard key that begins it. */
  function shardOf(word) {
    const chars = Array.from(word);
    for (let n = Math.min(chars.length, maxKeyChars); n > 0; n -= 1) {
      const key = chars.slice(0, n).join('');
      if (shardKeys.has(key)) return key;
    }
    return null;
  }

  /** The shards that may hold words beginning with `prefix`. */
  function shardsFor(prefix) {
    const keys = new Set();
    const home = shardOf(prefix);
    if (home) keys.add(home);
    for (const k of shardKeys) if (k.length > prefix.length && k.startsWith(prefix)) keys.add(k);
    return [...keys].sort();
  }

  /**
   * A stem's postings: in the shard (a string), or `[n, documents]` when they are a file of their own,
   * `p/<n>.json`, shared by every shard with a word of that stem (see `encode_shard` in src/search.rs).
   */
  function postingsText(entry) {
    return Array.isArray(entry) ? load(`p/${entry[0]}.json`) : Promise.resolve(entry);
  }

  /** About how many bytes fetching an entry costs (nothing when it is in the shard). */
  function cost(entry) {
    return Array.isArray(entry) ? entry[1] * 12 : 0;
  }

  /** What names a stem's postings: the file they are in, or their shard and stem. */
  function postingsId(shardKey, shard, stem) {
    const entry = shard.p[stem];
    return Array.isArray(entry) ? `p${entry[0]}` : `${shardKey}:${stem}`;
  }

  /** Postings text → { id, docs, scores, places } (see `encode_postings` in src/search.rs). */
  const decoded = new Map();
  async function postings(shardKey, shard, stem) {
    const id = postingsId(shardKey, shard, stem);
    if (!decoded.has(id)) {
      decoded.set(
        id,
        postingsText(shard.p[stem]).then((text) => {
          const entries = text ? text.split(' ') : [];
          const docs = new Int32Array(entries.length);
          const scores = new Float64Array(entries.length);
          const places = new Array(entries.length);
          let doc = 0;
          entries.forEach((e, i) => {
            const [gap, score, where] = e.split(',');
            doc += parseInt(gap, 36);
            docs[i] = doc;
            scores[i] = parseInt(score, 36);
            places[i] = where ? where.split('.').map((p) => parseInt(p, 36)) : [0];
          });
          return { id, docs, scores, places };
        }),
      );
      decoded.get(id).catch(() => decoded.delete(id));
    }
    return decoded.get(id);
  }

  /** The words of a shard that share a stem. */
  function formsOf(shard, stem) {
    return Object.keys(shard.w).filter((w) => shard.w[w] === stem);
  }

  /**
   * What one query word matches: its stems, each with a weight (1 for the word as typed, less for
   * words it only begins), and the word forms to mark in snippets. Words it begins are fetched
   * shortest first, within a download budget, so a short prefix on a big site stays cheap. Only the
   * shards are read here (they are small); the postings are fetched by `withPostings`, once every
   * word of the query is known to match, so a query with a word the site lacks costs no postings.
   */
  async function candidates(word, isLast) {
    const found = new Map();
    const home = shardOf(word);
    if (home) {
      const shard = await load(shardFile(home));
      if (Object.hasOwn(shard.w, word)) {
        const stem = shard.w[word];
        found.set(postingsId(home, shard, stem), { k: home, shard, stem, weight: 1, forms: formsOf(shard, stem) });
      }
    }
    // The word being typed, or a whole word that is not in the index: words it begins.
    if ((isLast || found.size === 0) && Array.from(word).length >= 2) {
      const keys = shardsFor(word);
      if (keys.length <= MAX_PREFIX_SHARDS) {
        const shards = await Promise.all(keys.map((k) => load(shardFile(k)).then((s) => [k, s])));
        const begun = [];
        for (const [k, shard] of shards) {
          for (const w of Object.keys(shard.w)) if (w !== word && w.startsWith(word)) begun.push([w, k, shard]);
        }
        // Shorter words first: `bus` before `business` when typing `bu`.
        begun.sort((a, b) => a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
        const chosen = new Map();
        let budget = PREFIX_BUDGET;
        for (const [w, k, shard] of begun) {
          const entry = shard.p[shard.w[w]];
          const key = postingsId(k, shard, shard.w[w]);
          if (!chosen.has(key)) {
            if (chosen.size >= MAX_PREFIX_STEMS || cost(entry) > budget) continue;
            budget -= cost(entry);
            chosen.set(key, { k, shard, stem: shard.w[w], weight: PREFIX_WEIGHT, forms: [] });
          }
          chosen.get(key).forms.push(w);
        }
        for (const [key, c] of chosen) if (!found.has(key)) found.set(key, c);
      }
    }
    return [...found.values()];
  }

  /** The word's candidates with their postings (`p`) fetched. */
  async function withPostings(cs) {
    const ps = await Promise.all(cs.map((c) => postings(c.k, c.shard, c.stem)));
    return cs.map((c, i) => ({ p: ps[i], weight: c.weight, forms: c.forms }));
  }
  // ---------- Filters ----------

  function filters() {
    return {
      board: boardSelect ? boardSelect.value : '',
      year: yearSelect ? yearSelect.value : '',
      kinds: kindBoxes.filter((b) => b.checked).map((b) => b.value),
    };
  }

  /** Is document `doc` in the filtered set? Documents are numbered by (board, year, kind) groups. */
  function allowed(f) {
    if (!f.board && !f.year && f.kinds.length === 0) return () => true;
    const board = f.board ? manifest.boards.findIndex((b) => b[0] === f.board) : null;
    const year = f.year ? Number(f.year) : null;
    const kinds = new Set(f.kinds.map((k) => manifest.kinds.findIndex((x) => x[0] === k)));
    const ranges = manifest.groups
      .filter(([, , b, y, k]) => (board === null || b === board) && (year === null || y === year) && (kinds.size === 0 || kinds.has(k)))
      .map(([first, count]) => [first, first + count]);
    return (doc) => {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (doc < ranges[mid][0]) hi = mid - 1;
        else if (doc >= ranges[mid][1]) lo = mid + 1;
        else return true;
      }
      return false;
    };
  }

  // ---------- Searching ----------

  /**
   * Every document that matches every word, best first: for each word the best of its stems scores
   * weight × idf × (1 + ln(weighted count)); title words count 8, summary 3, body 1 (src/search.rs).
   */
  async function search(query, f) {
    const all = words(query);
    const terms = [...new Set(all.filter((w) => !stopWords.has(w)))];
    const lastRaw = all[all.length - 1];
    if (terms.length === 0) return { terms, hits: [], missing: [], stopOnly: all.length > 0 };
    let found = await Promise.all(terms.map((w, i) => candidates(w, i === terms.length - 1 && w === lastRaw)));
    // One letter being typed after other words (`bus f`) waits for the next one rather than failing.
    const last = terms.length - 1;
    if (last > 0 && terms[last] === lastRaw && Array.from(lastRaw).length === 1 && found[last].length === 0) {
      terms.pop();
      found = found.slice(0, last);
    }
    const missing = terms.filter((_, i) => found[i].length === 0);
    if (missing.length) return { terms, hits: [], missing, matches: found };
    const matches = await Promise.all(found.map(withPostings));
    const n = manifest.docs;
    const ok = allowed(f);
    // Per word: doc → { score, places }.
    const perWord = matches.map((ms) => {
      const byDoc = new Map();
      for (const { p, weight } of ms) {
        const idf = Math.log(1 + n / p.docs.length);
        for (let i = 0; i < p.docs.length; i += 1) {
          const doc = p.docs[i];
          const s = weight * idf * (1 + Math.log(p.scores[i]));
          const had = byDoc.get(doc);
          if (!had) byDoc.set(doc, { score: s, places: p.places[i] });
          else {
            if (s > had.score) had.score = s;
            had.places = [...new Set([...had.places, ...p.places[i]])];
          }
        }
      }
      return byDoc;
    });
    perWord.sort((a, b) => a.size - b.size);
    const hits = [];
    for (const [doc, first] of perWord[0]) {
      if (!ok(doc)) continue;
      let score = first.score;
      const placeSets = [first.places];
      let all = true;
      for (let i = 1; i < perWord.length; i += 1) {
        const m = perWord[i].get(doc);
        if (!m) {
          all = false;
          break;
        }
        score += m.score;
        placeSets.push(m.places);
      }
      if (all) hits.push({ doc, score, place: bestPlace(placeSets) });
    }
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { terms, hits, missing: [], matches };
  }

  /** The place on the page where most of the query's words are (the top of the page wins ties). */
  function bestPlace(placeSets) {
    const counts = new Map();
    for (const set of placeSets) for (const p of set) counts.set(p, (counts.get(p) || 0) + 1);
    let best = 0;
    let bestCount = -1;
    for (const [p, c] of [...counts].sort((a, b) => a[0] - b[0])) {
      if (c > bestCount) {
        best = p;
        bestCount = c;
      }
    }
    return best;
  }

  /** A document's record: [title, path, iso date, date in words, snippet, anchors]. */
  async function record(doc) {
    const chunk = await load(`d/${Math.floor(doc / manifest.chunk)}.json`);
    return chunk[doc % manifest.chunk];
  }

  function groupOf(doc) {
    const g = manifest.groups;
    let lo = 0;
    let hi = g.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (doc < g[mid][0]) hi = mid - 1;
      else if (doc >= g[mid][0] + g[mid][1]) lo = mid + 1;
      else return g[mid];
    }
    return [0, 0, -1, 0, 0];
  }

  // ---------- Showing results ----------

  /** Appends `text` to `el`, with the words that match the query in <mark>. */
  function appendMarked(el, text, forms) {
    const re = /[\p{Alphabetic}\p{N}\p{M}'\u2019]+/gu;
    let at = 0;
    for (const m of text.matchAll(re)) {
      const folded = words(m[0]);
      const hit = folded.some((w) => forms.has(w));
      if (!hit) continue;
      el.append(text.slice(at, m.index));
      const mark = document.createElement('mark');
      mark.textContent = m[0];
      el.append(mark);
      at = m.index + m[0].length;
    }
    el.append(text.slice(at));
  }

  function placeLabel(anchor) {
    let m = /^p(\d+(?:\.\d+)*)(?:-\d+)?$/.exec(anchor);
    if (m) return `paragraph ${m[1]}`;
    m = /^item-(.+)$/.exec(anchor);
    if (m) return `item ${m[1]}`;
    return `the section “${anchor.replace(/-\d+$/, '').replace(/-/g, ' ')}”`;
  }

  function resultItem(hit, rec, forms) {
    const [title, path, iso, medium, snippet, anchorText] = rec;
    const [, , board, , kind] = groupOf(hit.doc);
    const anchors = anchorText ? anchorText.split(' ') : [];
    const anchor = hit.place > 0 ? anchors[hit.place - 1] : null;
    const li = document.createElement('li');
    li.className = 'search-result';
    const h = document.createElement('h3');
    const a = document.createElement('a');
    a.href = siteRoot() + path + (anchor ? `#${anchor}` : '');
    appendMarked(a, title, forms);
    h.append(a);
    li.append(h);
    const meta = document.createElement('p');
    meta.className = 'meta';
    const item = (child) => {
      const span = document.createElement('span');
      span.className = 'meta-item';
      span.append(child);
      meta.append(span);
    };
    const badge = document.createElement('span');
    badge.className = `badge badge-${manifest.kinds[kind][0]}`;
    badge.textContent = manifest.kinds[kind][1];
    item(badge);
    if (board >= 0 && manifest.kinds[kind][0] !== 'board') item(manifest.boards[board][1]);
    if (iso) {
      const time = document.createElement('time');
      time.dateTime = iso;
      time.textContent = medium;
      item(time);
    }
    li.append(meta);
    if (snippet) {
      const p = document.createElement('p');
      p.className = 'search-snippet';
      appendMarked(p, snippet, forms);
      li.append(p);
    }
    if (anchor) {
      const p = document.createElement('p');
      p.className = 'search-where meta';
      p.textContent = `Best match: ${placeLabel(anchor)}`;
      li.append(p);
    }
    return li;
  }

  /** The site's root path: the index folder is `<root>search/index-…/`. */
  function siteRoot() {
    return base.replace(/search\/[^/]+\/$/, '');
  }

  // ---------- State, URL and announcements ----------

  let current = null; // { query, f, result, shown, forms }
  let sequence = 0;
  let typingTimer = 0;
  let announceTimer = 0;
  let announced = '';

  function plural(n, one, many) {
    return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  }

  function filterText(f) {
    const parts = [];
    if (f.kinds.length) parts.push(f.kinds.map((k) => kindBoxes.find((b) => b.value === k)?.labels[0]?.textContent ?? k).join(', '));
    if (f.board && boardSelect) parts.push(boardSelect.selectedOptions[0]?.textContent ?? f.board);
    if (f.year) parts.push(f.year);
    return parts.length ? ` (filtered: ${parts.join(', ')})` : '';
  }

  function summary() {
    if (!current) return '';
    const { query, f, result } = current;
    if (result.stopOnly) return `“${query.trim()}” has only very common words. Try a more specific word.`;
    if (result.hits.length === 0) return `No results for “${query.trim()}”${filterText(f)}.`;
    return `${plural(result.hits.length, 'result', 'results')} for “${query.trim()}”${filterText(f)}.`;
  }

  /** Sets the status region: once per search. `force` re-announces the same words (a new submit). */
  function announce(force) {
    clearTimeout(announceTimer);
    let text = summary();
    if (text === announced && !force) return;
    if (text === status.textContent.trim() && force) text += '\u00a0';
    announced = text.trim();
    status.textContent = text;
  }

  function updateUrl() {
    const params = new URLSearchParams();
    const f = filters();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (f.board) params.set('board', f.board);
    if (f.year) params.set('year', f.year);
    for (const k of f.kinds) params.append('kind', k);
    const qs = params.toString();
    history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
  }

  function clearResults() {
    current = null;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    none.hidden = true;
    heading.hidden = true;
    browse.hidden = false;
    status.textContent = '';
    announced = '';
  }

  async function showMore(focusFirst) {
    const { result, forms } = current;
    const from = current.shown;
    const slice = result.hits.slice(from, from + PAGE_SIZE);
    const records = await Promise.all(slice.map((h) => record(h.doc)));
    const items = slice.map((h, i) => resultItem(h, records[i], forms));
    list.append(...items);
    current.shown = from + slice.length;
    more.hidden = current.shown >= result.hits.length;
    const total = result.hits.length.toLocaleString('en-GB');
    more.querySelector('button').textContent = `Show more results (${current.shown.toLocaleString('en-GB')} of ${total} shown)`;
    if (focusFirst && items[0]) items[0].querySelector('a').focus();
  }

  /** Suggestions for a search that found nothing. */
  async function showNone(result, f) {
    none.replaceChildren();
    const ul = document.createElement('ul');
    const li = (...children) => {
      const el = document.createElement('li');
      el.append(...children);
      ul.append(el);
    };
    const p = document.createElement('p');
    p.textContent = 'Suggestions:';
    for (const word of result.missing || []) {
      const alternatives = await similarWords(word);
      if (alternatives.length) {
        const span = document.createElement('span');
        span.append(`Did you mean `);
        alternatives.forEach((alt, i) => {
          if (i > 0) span.append(i === alternatives.length - 1 ? ' or ' : ', ');
          const a = document.createElement('a');
          const params = new URLSearchParams(location.search);
          params.set('q', words(current.query).map((w) => (w === word ? alt : w)).join(' '));
          a.href = `?${params}`;
          a.textContent = alt;
          span.append(a);
        });
        span.append(` instead of “${word}”?`);
        li(span);
      } else {
        li(`No page has a word beginning “${word}”: check its spelling.`);
      }
    }
    const allFound = !(result.missing || []).length;
    if (result.terms.length > 1 && allFound) li('Use fewer words: every word must be in a result.');
    if (allFound && (f.board || f.year || f.kinds.length)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'button button-secondary';
      b.textContent = 'Clear the filters';
      b.addEventListener('click', () => {
        if (boardSelect) boardSelect.value = '';
        if (yearSelect) yearSelect.value = '';
        for (const k of kindBoxes) k.checked = false;
        // The button goes with the message: focus goes back to the search box, and the new count is
        // announced.
        input.focus();
        run({ announceNow: true });
      });
      li('Search without the filters: ', b);
    }
    li('Browse the boards, their meetings and the decisions register (links below).');
    none.append(p, ul);
    none.hidden = false;
  }

  /** Words of the index like `word` (at most two edits away), commonest first. */
  async function similarWords(word) {
    const home = shardOf(word) ?? shardOf(Array.from(word).slice(0, 2).join(''));
    if (!home) return [];
    const shard = await load(shardFile(home));
    const limit = Array.from(word).length <= 4 ? 1 : 2;
    const found = [];
    for (const w of Object.keys(shard.w)) {
      const d = distance(word, w, limit);
      const entry = shard.p[shard.w[w]];
      const docs = Array.isArray(entry) ? entry[1] : entry.split(' ').length;
      if (d <= limit) found.push([d, -docs, w]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
    return found.slice(0, 3).map((f) => f[2]);
  }

  /** Levenshtein distance, stopping early past `limit`. */
  function distance(a, b, limit) {
    const x = Array.from(a);
    const y = Array.from(b);
    if (Math.abs(x.length - y.length) > limit) return limit + 1;
    let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
    for (let i = 1; i <= x.length; i += 1) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= y.length; j += 1) {
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        best = Math.min(best, row[j]);
      }
      if (best > limit) return limit + 1;
      prev = row;
    }
    return prev[y.length];
  }

  /** Runs the search in the form. `announceNow`: say the count now (submit, filter); else after a pause. */
  async function run({ announceNow = false, force = false } = {}) {
    const query = input.value;
    const f = filters();
    const mine = ++sequence;
    clearTimeout(announceTimer);
    if (!words(query).length) {
      clearResults();
      updateUrl();
      return;
    }
    let result;
    try {
      result = await search(query, f);
    } catch (e) {
      if (mine !== sequence) return;
      failed(e);
      return;
    }
    if (mine !== sequence) return;
    const forms = new Set();
    for (const ms of result.matches || []) for (const m of ms) m.forms.forEach((w) => forms.add(w));
    current = { query, f, result, shown: 0, forms };
    list.replaceChildren();
    heading.hidden = false;
    browse.hidden = result.hits.length > 0;
    none.hidden = true;
    list.hidden = result.hits.length === 0;
    try {
      if (result.hits.length) await showMore(false);
      else {
        more.hidden = true;
        await showNone(result, f);
      }
    } catch (e) {
      if (mine === sequence) failed(e);
      return;
    }
    if (mine !== sequence) return;
    updateUrl();
    if (announceNow) announce(force);
    else announceTimer = setTimeout(() => announce(false), ANNOUNCE_DELAY);
  }

  function failed(error) {
    clearResults();
    heading.hidden = false;
    noScript.hidden = false;
    status.textContent = 'Search is not working at the moment: its index could not be loaded. Try again later, or use the links below.';
    console.warn('boardpack search:', error);
  }

  // ---------- Wiring ----------

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    const set = (select, value) => {
      if (select && value && Array.from(select.options).some((o) => o.value === value)) select.value = value;
    };
    set(boardSelect, params.get('board'));
    set(yearSelect, params.get('year'));
    const kinds = new Set(params.getAll('kind'));
    for (const k of kindBoxes) k.checked = kinds.has(k.value);
  }

  fromUrl();
  start().then(
    () => {
      noScript.hidden = true;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        clearTimeout(typingTimer);
        run({ announceNow: true, force: true });
      });
      input.addEventListener('input', () => {
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => run(), TYPING_DELAY);
      });
      form.addEventListener('change', (e) => {
        if (e.target !== input) run({ announceNow: true });
      });
      more.querySelector('button').addEventListener('click', () => showMore(true));
      if (input.value.trim()) run({ announceNow: true });
    },
    (e) => failed(e),
  );
})();
