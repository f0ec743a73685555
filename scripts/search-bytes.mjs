#!/usr/bin/env node
// What a real browser downloads to run a search on a built boardpack site, and (optionally) the same
// queries through pagefind 1.x on a copy of that site. A benchmark tool, not a test: nothing runs it.
//
//   node search-bytes.mjs SITE [--pagefind PF_SITE] [--verbose] [QUERY ...]
//
// SITE is a `boardpack build` output. PF_SITE is a copy of it with a pagefind index in PF_SITE/pagefind/
// (e.g. `cp -al SITE PF_SITE && pagefind --site PF_SITE --output-subdir pagefind`); nothing is written to
// either folder. Needs playwright-core (resolved from here or from the current directory) and a Chromium
// (CHROMIUM=/path, default /usr/bin/chromium). Prints Markdown tables.
//
// Bytes are counted by the server, not the browser: pagefind fetches from a (shared) worker, whose
// requests page-level hooks do not see, and the server's count is what a host would send. Files are
// served uncompressed; the gzip column is zlib level 9 of each body (as BENCHMARKS.md's `gzip -9`), except
// bodies that are gzip already (pagefind's index files), which count as served.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const DEFAULT_QUERIES = [
  'transport',
  'budget',
  'consultation',
  'whistleblowing',
  'school place planning',
  'flood risk management',
  'bus franchising consultation',
];
const QUIET_MS = 500; // no request in flight for this long = the search is done
const TIMEOUT_MS = 180000;
const TOP = 10; // boardpack shows 10 results at once; pagefind loads the same number

// ---------- Arguments ----------

const args = process.argv.slice(2);
let site = null;
let pfSite = null;
let verbose = false;
const queries = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--pagefind') pfSite = args[++i];
  else if (args[i] === '--verbose') verbose = true;
  else if (!site) site = args[i];
  else queries.push(args[i]);
}
if (!site) {
  console.error('usage: search-bytes.mjs SITE [--pagefind PF_SITE] [--verbose] [QUERY ...]');
  process.exit(2);
}
if (queries.length === 0) queries.push(...DEFAULT_QUERIES);

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch {
    // Scratch installs (npm i playwright-core in some other folder): run from that folder.
    return createRequire(path.join(process.cwd(), 'noop.js'))('playwright-core');
  }
}

// ---------- A static server that counts ----------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

// The pagefind test page lives in memory so the copied site stays as pagefind left it. `lang` matters:
// pagefind picks its index by the page's language.
const PF_PAGE = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>pagefind bench</title></head><body>
<script type="module">
const pf = await import('/pagefind/pagefind.js');
await pf.init();
window.pfRun = async (q) => {
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, ${TOP}).map((x) => x.data()));
  return { count: r.results.length, urls: data.map((d) => d.url) };
};
window.pfReady = true;
</script></body></html>`;
const PF_PAGE_PATH = '/__search-bytes-pagefind.html';

function serve(root) {
  const state = { log: [], inflight: 0, lastEnd: Date.now() };
  const gzCache = new Map();
  const server = http.createServer((req, res) => {
    state.inflight += 1;
    res.on('close', () => {
      state.inflight -= 1;
      state.lastEnd = Date.now();
    });
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let body = null;
    let type = 'text/html; charset=utf-8';
    if (url === PF_PAGE_PATH) body = Buffer.from(PF_PAGE);
    else {
      let file = path.join(path.resolve(root), path.normalize(url));
      if (!file.startsWith(path.resolve(root))) file = null;
      try {
        if (file && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
        if (file) {
          body = fs.readFileSync(file);
          type = TYPES[path.extname(file)] || 'application/octet-stream';
        }
      } catch {
        body = null;
      }
    }
    if (!body) {
      state.log.push({ at: Date.now(), url, status: 404, raw: 0, gz: 0 });
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    if (!gzCache.has(url)) {
      const already = body.length > 2 && body[0] === 0x1f && body[1] === 0x8b;
      gzCache.set(url, already ? body.length : zlib.gzipSync(body, { level: 9 }).length);
    }
    state.log.push({ at: Date.now(), url, status: 200, raw: body.length, gz: gzCache.get(url) });
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, state, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/** Resolves once nothing has been in flight for QUIET_MS (and `extra()` holds, if given). */
async function quiet(state, page, extra) {
  const start = Date.now();
  for (;;) {
    if (Date.now() - start > TIMEOUT_MS) throw new Error('timed out waiting for the search to finish');
    const idle = state.inflight === 0 && Date.now() - state.lastEnd >= QUIET_MS;
    if (idle && (!extra || (await extra(page)))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sum(entries) {
  return {
    requests: entries.length,
    raw: entries.reduce((a, e) => a + e.raw, 0),
    gz: entries.reduce((a, e) => a + e.gz, 0),
    files: entries,
  };
}

// ---------- One query, each engine ----------

async function boardpackQuery(browser, srv, q) {
  const context = await browser.newContext(); // empty cache
  const page = await context.newPage();
  try {
    const mark0 = srv.state.log.length;
    await page.goto(`${srv.origin}/search/`, { waitUntil: 'load' });
    // Loaded: the script has read index.json and hidden the "without JavaScript" note.
    await page.waitForSelector('#search-nojs', { state: 'hidden', timeout: TIMEOUT_MS });
    await quiet(srv.state, page);
    const mark1 = srv.state.log.length;
    const t0 = Date.now();
    await page.fill('#search-q', q);
    await page.press('#search-q', 'Enter');
    // Past the typing pause too, so its (cached) second run has finished redrawing.
    await page.waitForTimeout(400);
    await quiet(srv.state, page, (p) =>
      p.evaluate(() => document.querySelectorAll('#search-list > li').length > 0 || !document.getElementById('search-none').hidden),
    );
    const ms = Date.now() - t0 - QUIET_MS;
    const { status, urls } = await page.evaluate(() => ({
      status: document.getElementById('search-status').textContent.trim(),
      urls: Array.from(document.querySelectorAll('#search-list > li h3 a'), (a) => new URL(a.href).pathname),
    }));
    const m = /^([\d,]+) results?/.exec(status);
    const count = m ? Number(m[1].replace(/,/g, '')) : /^No results/.test(status) ? 0 : NaN;
    const load = srv.state.log.slice(mark0, mark1);
    return {
      page: sum(load.filter((e) => !e.url.startsWith('/search/index-'))),
      boot: sum(load.filter((e) => e.url.startsWith('/search/index-'))),
      query: sum(srv.state.log.slice(mark1)),
      count,
      status,
      urls,
      ms,
    };
  } finally {
    await context.close();
  }
}

async function pagefindQuery(browser, srv, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const mark0 = srv.state.log.length;
    await page.goto(`${srv.origin}${PF_PAGE_PATH}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.pfReady === true, null, { timeout: TIMEOUT_MS });
    await quiet(srv.state, page);
    const mark1 = srv.state.log.length;
    const t0 = Date.now();
    const result = await page.evaluate((query) => window.pfRun(query), q);
    const ms = Date.now() - t0;
    await quiet(srv.state, page);
    const load = srv.state.log.slice(mark0, mark1);
    return {
      page: sum(load.filter((e) => !e.url.startsWith('/pagefind/'))),
      boot: sum(load.filter((e) => e.url.startsWith('/pagefind/'))),
      query: sum(srv.state.log.slice(mark1)),
      count: result.count,
      urls: result.urls.map((u) => new URL(u, srv.origin).pathname),
      ms,
    };
  } finally {
    await context.close();
  }
}

// ---------- Sizes on disk ----------

function folderSize(dir, keep = () => true) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(path.relative(dir, p))) {
        bytes += fs.statSync(p).size;
        files += 1;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

// ---------- Output ----------

const n = (x) => x.toLocaleString('en-GB');
const kb = (x) => `${(x / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} KB`;
const rawGz = (s) => `${kb(s.raw)} / ${kb(s.gz)}`;
const biggest = (s, k = 3) =>
  [...s.files]
    .sort((a, b) => b.raw - a.raw)
    .slice(0, k)
    .map((e) => `${e.url.replace(/^\/(search\/index-[^/]+|pagefind)\//, '')} ${kb(e.raw)}`)
    .join(', ');

async function main() {
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const bp = await serve(site);
  const pf = pfSite ? await serve(pfSite) : null;
  const rows = [];
  try {
    for (const q of queries) {
      const b = await boardpackQuery(browser, bp, q);
      const p = pf ? await pagefindQuery(browser, pf, q) : null;
      rows.push({ q, b, p });
      process.stderr.write(
        `${q}: boardpack ${b.query.requests} req ${kb(b.query.raw)} ${b.count} results (${b.ms} ms)` +
          (p ? `; pagefind ${p.query.requests} req ${kb(p.query.raw)} ${p.count} results (${p.ms} ms)` : '') +
          '\n',
      );
    }
  } finally {
    await browser.close();
    bp.server.close();
    if (pf) pf.server.close();
  }

  const idxDir = fs.readdirSync(path.join(site, 'search')).find((d) => d.startsWith('index-'));
  const idx = folderSize(path.join(site, 'search', idxDir));
  console.log(`### ${site}\n`);
  console.log(`boardpack index \`search/${idxDir}/\`: ${n(idx.bytes)} bytes, ${n(idx.files)} files.`);
  if (pf) {
    const all = folderSize(path.join(pfSite, 'pagefind'));
    // What pagefind's JS API can fetch (its UI bundles are not needed for it).
    const data = folderSize(path.join(pfSite, 'pagefind'), (r) => !/^pagefind-.*(ui|highlight)/.test(r));
    console.log(
      `pagefind \`pagefind/\`: ${n(all.bytes)} bytes, ${n(all.files)} files ` +
        `(without its UI bundles: ${n(data.bytes)} bytes, ${n(data.files)} files).`,
    );
  }
  const r0 = rows[0];
  console.log(
    `\nPage load (before typing), raw / gzip: boardpack page ${r0.b.page.requests} req ${rawGz(r0.b.page)}, ` +
      `index.json ${rawGz(r0.b.boot)}` +
      (r0.p
        ? `; pagefind test page ${r0.p.page.requests} req ${rawGz(r0.p.page)}, ` +
          `pagefind init ${r0.p.boot.requests} req ${rawGz(r0.p.boot)} (${biggest(r0.p.boot, 5)})`
        : '') +
      '.\n',
  );
  const head = ['query', 'boardpack requests', 'boardpack bytes raw / gzip', 'boardpack results'];
  if (pf) head.push('pagefind requests', 'pagefind bytes served / gzip', 'pagefind results', `top-${TOP} overlap`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`);
  for (const { q, b, p } of rows) {
    const cells = [`\`${q}\``, n(b.query.requests), rawGz(b.query), Number.isNaN(b.count) ? `? (${b.status})` : n(b.count)];
    if (p) {
      const overlap = b.urls.filter((u) => p.urls.includes(u)).length;
      cells.push(n(p.query.requests), rawGz(p.query), n(p.count), `${overlap} / ${Math.min(b.urls.length, p.urls.length)}`);
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log('\nLargest files per query (raw):\n');
  for (const { q, b, p } of rows) {
    console.log(`- \`${q}\`: boardpack ${biggest(b.query)}${p ? `; pagefind ${biggest(p.query)}` : ''}`);
  }
  if (verbose) {
    console.log('\nPage load files (first query):');
    for (const e of [...r0.b.page.files, ...r0.b.boot.files, ...(r0.p ? [...r0.p.page.files, ...r0.p.boot.files] : [])]) {
      console.log(`  ${e.status} ${e.url} ${e.raw} / ${e.gz}`);
    }
    for (const { q, b, p } of rows) {
      console.log(`\n#### \`${q}\`\n`);
      console.log(`boardpack (${b.ms} ms, "${b.status}"):`);
      for (const e of b.query.files) console.log(`  ${e.status} ${e.url} ${e.raw} / ${e.gz}`);
      console.log(`  top: ${b.urls.join(' ')}`);
      if (p) {
        console.log(`pagefind (${p.ms} ms):`);
        for (const e of p.query.files) console.log(`  ${e.status} ${e.url} ${e.raw} / ${e.gz}`);
        console.log(`  top: ${p.urls.join(' ')}`);
      }
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
