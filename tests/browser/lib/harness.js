// What the browser tests share: the two built sites and the pages of each to test, the static server,
// and Debian's Chromium driven through playwright-core.
//
// scripts/test builds the sites and passes their folders in BOARDPACK_EXAMPLE_SITE and
// BOARDPACK_STRESS_SITE. Run on its own (`npm test` in tests/browser), the suite builds them itself with
// BOARDPACK_BIN, or the repository's target/debug/boardpack.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.js';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BROWSER_DIR = path.resolve(HERE, '..');
export const REPO = path.resolve(BROWSER_DIR, '..', '..');
export const ARTIFACTS = path.join(BROWSER_DIR, 'artifacts');
export const AS_OF = '2026-11-23';

/**
 * How long anything may take under load (a 2-core CI machine also compiling Rust): Playwright's own
 * default of 30 s for actions, waits and navigations, and how long open() waits for a page's requests.
 */
export const TIMEOUT = 60_000;

export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };

/** The only things allowed to scroll sideways: wide tables and code, each in its own region. */
export const SCROLL_REGIONS = '.table-wrap, pre.code';

/** The WCAG 2.0, 2.1 and 2.2 level A and AA rules of axe-core. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const AXE_PATH = path.join(BROWSER_DIR, 'node_modules', 'axe-core', 'axe.min.js');
/** Where the test server serves axe-core: same origin, so the pages' script-src 'self' lets it run. */
export const AXE_URL_PATH = '/__boardpack-tests__/axe.min.js';

/**
 * The sites and, for each, the pages to test: page type → path under the site's base path, with the
 * `page-<kind>` class its <body> must carry (so a moved page fails loudly instead of testing a 404).
 * The example site is tested page type by page type; the stress fixture (tests/browser/stress-site) has
 * every page it builds listed, so every variation of every template is tested.
 */
export const SITES = [
  {
    name: 'example',
    root: REPO,
    basePath: '/',
    env: 'BOARDPACK_EXAMPLE_SITE',
    pages: {
      home: ['', 'home'],
      board: ['transport-board/', 'board'],
      'meeting-held': ['transport-board/2026-06-16/', 'meeting'],
      'meeting-cancelled': ['children-board/2026-10-13/', 'meeting'],
      'meeting-moved': ['transport-board/2026-11-03/', 'meeting'],
      'meeting-upcoming': ['transport-board/2026-12-08/', 'meeting'],
      paper: ['transport-board/2026-06-16/3-bus-franchising-consultation/', 'paper'],
      'paper-incomplete-contact': ['transport-board/2026-06-16/6-active-travel-tranche-5/', 'paper'],
      minutes: ['transport-board/2026-06-16/minutes/', 'minutes'],
      appendix: ['transport-board/2026-06-16/3-bus-franchising-consultation/consultation-summary/', 'appendix'],
      page: ['about-these-papers/', 'page'],
      accessibility: ['accessibility/', 'accessibility'],
      search: ['search/', 'search'],
      'not-found': ['404.html', 'not-found'],
      decisions: ['decisions/', 'decisions'],
      'decisions-board': ['decisions/transport-board/', 'decisions'],
      'decisions-year': ['decisions/2026/', 'decisions'],
      'decisions-board-year': ['decisions/transport-board/2026/', 'decisions'],
      actions: ['actions/', 'actions'],
      'actions-board': ['actions/transport-board/', 'actions'],
      'actions-year': ['actions/2026/', 'actions'],
      archive: ['transport-board/archive/2026/', 'archive'],
      data: ['data/', 'data'],
      people: ['people/', 'people'],
      'person-member': ['people/tom-garside/', 'person'],
      'person-former-member': ['people/ruth-elderkin/', 'person'],
      'person-officer': ['people/martin-crossley/', 'person'],
      'person-guest': ['people/claire-mottram/', 'person'],
      'person-voter': ['people/aled-morgan/', 'person'],
      'person-decision-maker': ['people/rosalind-achebe/', 'person'],
      'decision-open-to-call-in': ['decisions/mayor-2026-11-young-persons-fare/', 'decision'],
      'decision-called-in': ['decisions/tb-2026-09-ev-concession/', 'decision'],
      'decision-urgent': ['decisions/mayor-2026-10-rail-replacement/', 'decision'],
      'decision-recorded-vote': ['decisions/tb-2026-09-ksi-target/', 'decision'],
      'decision-recommendation': ['decisions/tb-2026-09-vision-zero/', 'decision'],
      'decision-exempt-item': ['decisions/tb-2026-11-brackenford-land/', 'decision'],
      'decision-officer': ['decisions/officer-2026-10-ev-locations/', 'decision'],
      'decisions-officers': ['decisions/officers/', 'decision-records'],
      'decisions-members': ['decisions/members/', 'decision-records'],
      'minutes-unconfirmed': ['transport-board/2026-11-03/minutes/', 'minutes'],
      'minutes-recorded-vote': ['transport-board/2026-09-15/minutes/', 'minutes'],
    },
    print: {
      decision: 'decisions/tb-2026-09-ksi-target/',
      meeting: 'transport-board/2026-06-16/',
      paper: 'transport-board/2026-06-16/3-bus-franchising-consultation/',
      person: 'people/sarah-pennington/',
    },
  },
  {
    name: 'stress',
    root: path.join(BROWSER_DIR, 'stress-site'),
    basePath: '/committees/papers/',
    env: 'BOARDPACK_STRESS_SITE',
    pages: {
      home: ['', 'home'],
      board: ['joint-committee/', 'board'],
      'board-minimal': ['audit/', 'board'],
      'meeting-held': ['joint-committee/2026-03-03/', 'meeting'],
      'meeting-cancelled': ['joint-committee/2026-06-09/', 'meeting'],
      'meeting-postponed': ['joint-committee/2026-09-08/', 'meeting'],
      'meeting-held-online': ['joint-committee/2026-10-06/', 'meeting'],
      'meeting-upcoming': ['joint-committee/2026-12-15/', 'meeting'],
      'meeting-upcoming-no-agenda': ['joint-committee/2027-02-16/', 'meeting'],
      'meeting-from-papers': ['audit/2026-11-10/', 'meeting'],
      paper: ['joint-committee/2026-03-03/3-strategic-review/', 'paper'],
      'paper-supplement': ['joint-committee/2026-03-03/4-flood-resilience-update/', 'paper'],
      'paper-no-agenda': ['joint-committee/2026-10-06/3-capital-dashboard/', 'paper'],
      'paper-upcoming': ['joint-committee/2026-12-15/3-harbour-bridge/', 'paper'],
      'paper-minimal-board': ['audit/2026-11-10/5-internal-audit-progress/', 'paper'],
      minutes: ['joint-committee/2026-03-03/minutes/', 'minutes'],
      appendix: ['joint-committee/2026-03-03/3-strategic-review/governance-options/', 'appendix'],
      page: ['about-these-papers/', 'page'],
      accessibility: ['accessibility/', 'accessibility'],
      search: ['search/', 'search'],
      'not-found': ['404.html', 'not-found'],
      decisions: ['decisions/', 'decisions'],
      'decisions-board-empty': ['decisions/audit/', 'decisions'],
      'decisions-year-paged': ['decisions/2026/', 'decisions'],
      'decisions-board-page-2': ['decisions/licensing/2026/page-2/', 'decisions'],
      actions: ['actions/', 'actions'],
      'actions-board-empty': ['actions/audit/', 'actions'],
      'actions-board-paged': ['actions/licensing/2026/', 'actions'],
      'actions-board-page-2': ['actions/licensing/2026/page-2/', 'actions'],
      archive: ['joint-committee/archive/2026/', 'archive'],
      'archive-minimal-board': ['audit/archive/2026/', 'archive'],
      data: ['data/', 'data'],
    },
    print: {
      meeting: 'joint-committee/2026-03-03/',
      paper: 'joint-committee/2026-03-03/3-strategic-review/',
    },
  },
];

/** Every page of every site, as { site, type, path, kind }. */
export function allPages() {
  return SITES.flatMap((site) =>
    Object.entries(site.pages).map(([type, [p, kind]]) => ({ site: site.name, type, path: p, kind })),
  );
}

export function boardpackBin() {
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
  const bin = process.env.BOARDPACK_BIN ?? path.join(target, 'debug', 'boardpack');
  if (!existsSync(bin)) {
    throw new Error(`boardpack binary not found at ${bin}: run \`cargo build\` first, or set BOARDPACK_BIN`);
  }
  return bin;
}

/** The folder holding the built site: from the environment, or built now into a temporary folder. */
export function siteDir(site) {
  const given = process.env[site.env];
  if (given) {
    if (!existsSync(path.join(given, 'index.html'))) {
      throw new Error(`${site.env}=${given} holds no built site (no index.html)`);
    }
    return given;
  }
  const tmp = mkdtempSync(path.join(tmpdir(), `boardpack-${site.name}-`));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const out = path.join(tmp, 'site');
  execFileSync(boardpackBin(), ['build', '--quiet', '--root', site.root, '--as-of', AS_OF, '--output', out], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  process.env[site.env] = out;
  return out;
}

/** Every .html file under `dir`. */
export function htmlFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.html')) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Containers often have a tiny /dev/shm; Debian's wrapper only adds this when it can measure it.
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A page in a new context of `browser`, as open() expects it: reduced motion, Playwright's timeouts at
 * TIMEOUT, requests that would leave 127.0.0.1 stopped, and what goes wrong recorded (watchPage).
 */
export async function newTestPage(browser, viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', ...options });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  const page = await context.newPage();
  // The site must not need anything from elsewhere: stop any request that leaves 127.0.0.1.
  await page.route(
    (u) => u.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  // Content Security Policy violations, for open() to read from the page.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline content'} (${e.sourceFile || ''}:${e.lineNumber || ''})`);
    });
  });
  await watchPage(page);
  return page;
}

/**
 * Starts a server for every site and a browser: `const env = await setUp()`; then
 * `env.url(siteName, path)`, `env.newPage(viewport)`, and `await env.tearDown()`.
 */
export async function setUp() {
  const servers = new Map();
  for (const site of SITES) {
    servers.set(site.name, await serve(siteDir(site), site.basePath, { [AXE_URL_PATH]: AXE_PATH }));
  }
  const browser = await launchBrowser();
  const contexts = [];
  return {
    browser,
    url: (siteName, p) => servers.get(siteName).url + p,
    async newPage(viewport = DESKTOP, options = {}) {
      const page = await newTestPage(browser, viewport, options);
      contexts.push(page.context());
      return page;
    },
    async tearDown() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => {});
      await Promise.allSettled([...servers.values()].map((s) => s.close()));
    },
  };
}

function isBrowserFavicon(url, type) {
  return /^other$/i.test(type) && new URL(url).pathname === '/favicon.ico';
}

/**
 * Starts recording what goes wrong in `page`, for open(): console and script errors, error responses
 * and failed requests (Playwright's events), and which document (loader) made each request.
 * Playwright's request events do not say which document a request belongs to, so a CDP session of the
 * page's own notes every request as it is sent, with its loader; that is what tells a request cancelled
 * because its page was left (the test's next goto, a link followed: `net::ERR_ABORTED`) from one that
 * failed. (That session is not told when the browser cancels a left document's requests, so failures
 * themselves come from Playwright.) loadProblems() gives the verdict.
 */
export async function watchPage(page) {
  const watch = { events: [], requests: new Map(), cdp: null };
  page.__watch = watch;
  // Each request: { url, loaderId, pwDone, cdpDone }. Playwright reports how it ended, the CDP session
  // (for the document's own requests) usually does too; either means it is no longer in flight.
  /** Playwright saw a request to `url` end: the oldest it has not yet seen end is that one (the same
   * address may be asked for by more than one document). The loaders of all those candidates. */
  const ended = (url) => {
    const candidates = [...watch.requests.values()].filter((r) => r.url === url && !r.pwDone);
    if (candidates.length) candidates[0].pwDone = true;
    return candidates.map((r) => r.loaderId);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.events.push({ kind: 'console', text: `console error: ${m.text()}` });
  });
  page.on('pageerror', (e) => watch.events.push({ kind: 'console', text: `script error: ${e.message}` }));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') {
      const loaderIds = [...watch.requests.values()].filter((o) => o.url === r.url() && !o.pwDone).map((o) => o.loaderId);
      watch.events.push({ kind: 'http', status: r.status(), url: r.url(), loaderIds });
    }
  });
  page.on('requestfinished', (r) => ended(r.url()));
  page.on('requestfailed', (r) => {
    const loaderIds = ended(r.url());
    watch.events.push({ kind: 'failed', url: r.url(), errorText: r.failure()?.errorText ?? 'unknown error', loaderIds });
  });
  const cdp = await page.context().newCDPSession(page);
  watch.cdp = cdp;
  cdp.on('Network.requestWillBeSent', (e) => {
    // The browser's own request for /favicon.ico (the pages declare no icon) is not the page's, and
    // Playwright's events leave it out too.
    if (isBrowserFavicon(e.request.url, e.type)) return;
    // A redirect keeps its request id: the newest address is the one in flight.
    watch.requests.set(e.requestId, { url: e.request.url, loaderId: e.loaderId, pwDone: false, cdpDone: false });
    // A page lives for many navigations: forget the oldest (long ended) requests.
    if (watch.requests.size > 5000) watch.requests.delete(watch.requests.keys().next().value);
  });
  const finish = (e) => {
    const r = watch.requests.get(e.requestId);
    if (r) r.cdpDone = true;
  };
  cdp.on('Network.loadingFinished', finish);
  cdp.on('Network.loadingFailed', finish);
  await cdp.send('Network.enable');
  return watch;
}

/**
 * What of `events` (recorded by watchPage since open() began) stops the document `loaderId` from having
 * loaded cleanly, as messages. Everything counts — console and script errors, an HTTP error for any
 * subresource, a request that failed (refused, `net::ERR_FAILED`, blocked by the policy or by the tests'
 * off-site block), from this document or from the one before — except `net::ERR_ABORTED` of a request
 * made only by documents that have since been left (`loaderIds`: the loaders of the requests to that
 * address still going when it ended). Leaving a page cancels what it was still fetching (the search
 * page's index, when the test goes on to the next page): that is the test moving on, not a failure of
 * either page. An abort of a request of the document under test still counts.
 */
export function loadProblems(events, loaderId) {
  const problems = [];
  for (const e of events) {
    const ids = e.loaderIds ?? [];
    const earlier = ids.length > 0 && !ids.includes(loaderId);
    const from = earlier ? ' (requested by the page before)' : '';
    if (e.kind === 'console') {
      problems.push(e.text);
    } else if (e.kind === 'http') {
      problems.push(`HTTP ${e.status} for ${e.url}${from}`);
    } else if (e.kind === 'failed') {
      if (e.errorText === 'net::ERR_ABORTED' && earlier) continue;
      problems.push(`request failed: ${e.url} (${e.errorText})${from}`);
    }
  }
  return problems;
}

/** The requests of document `loaderId` still in flight (data: and blob: addresses are not fetched). */
function inFlight(watch, loaderId) {
  return [...watch.requests.values()].filter((r) => !r.pwDone && !r.cdpDone && r.loaderId === loaderId && !/^(data|blob):/.test(r.url));
}

/**
 * Waits until every request of document `loaderId` has finished or failed (a fetch started by a deferred
 * script, like the search page's index, is still going at `load`), so that its outcome is judged with
 * this page and not left to be cancelled, or to fail, while the next one loads. Resolves to the requests
 * still going after `timeout` ms, as messages.
 */
export async function settle(page, loaderId, timeout = TIMEOUT) {
  const watch = page.__watch;
  const deadline = Date.now() + timeout;
  for (;;) {
    if (inFlight(watch, loaderId).length === 0) {
      // A round trip to the page: whatever it had started by now has been reported.
      await page.evaluate(() => 0);
      if (inFlight(watch, loaderId).length === 0) return [];
    }
    if (Date.now() > deadline) {
      return inFlight(watch, loaderId).map((r) => `still loading after ${timeout / 1000} s: ${r.url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Opens `url` and checks the page is the one expected (its body carries `page-<kind>`), that it loaded
 * cleanly and that its stylesheet applies. Loaded cleanly: the document and every request it made by the
 * time its requests settled (see settle) succeeded, with no Content Security Policy violation, console
 * error or script error meanwhile (see loadProblems). What happens after this verdict (the test's own
 * actions) is the test's to check.
 */
export async function open(page, url, kind) {
  const watch = page.__watch;
  watch.events = [];
  const response = await page.goto(url, { waitUntil: 'load' });
  const status = response?.status();
  const expected = kind === 'not-found' ? [200, 404] : [200];
  if (!expected.includes(status)) {
    throw new Error(`${url} answered HTTP ${status}`);
  }
  const { frameTree } = await watch.cdp.send('Page.getFrameTree');
  const loaderId = frameTree.frame.loaderId;
  const stuck = await settle(page, loaderId);
  const state = await page.evaluate(() => ({
    bodyClass: document.body.className,
    csp: window.__cspViolations ?? [],
    // The theme's skip link is moved off screen by the stylesheet: a cheap sign the CSS applied.
    styled: getComputedStyle(document.querySelector('.skip-link') ?? document.body).position === 'absolute',
  }));
  const problems = [...state.csp.map((v) => `Content Security Policy: ${v}`), ...loadProblems(watch.events, loaderId), ...stuck];
  if (!state.bodyClass.split(/\s+/).includes(`page-${kind}`)) {
    throw new Error(`${url} is not a ${kind} page (body class "${state.bodyClass}")`);
  }
  if (problems.length) {
    throw new Error(`${url} did not load cleanly:\n  ${problems.join('\n  ')}`);
  }
  if (!state.styled) {
    throw new Error(`${url}: the stylesheet did not apply`);
  }
}

export function artifactPath(...parts) {
  const file = path.join(ARTIFACTS, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * The accessibility tree as Chromium computes it, in document order: [{ role, name, level, ignored,
 * backendDOMNodeId }]. What a screen reader gets, not what the markup intends.
 */
export async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const root = nodes.find((n) => !n.parentId) ?? nodes[0];
    const ordered = [];
    const visit = (n) => {
      if (!n) return;
      ordered.push({
        role: n.role?.value ?? '',
        name: (n.name?.value ?? '').trim(),
        level: n.properties?.find((p) => p.name === 'level')?.value?.value,
        ignored: Boolean(n.ignored),
        backendDOMNodeId: n.backendDOMNodeId,
      });
      for (const id of n.childIds ?? []) visit(byId.get(id));
    };
    visit(root);
    return ordered;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
