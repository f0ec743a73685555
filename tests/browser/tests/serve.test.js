// `boardpack serve` in a real browser: the injected reload script runs under the site's Content Security
// Policy, a save reloads the page at the same scroll position, a broken save shows the error page (which
// passes axe-core) until fixed, and open pages reconnect and reload after the server restarts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { describeViolations } from '../lib/axe.js';
import { AS_OF, AXE_PATH, AXE_TAGS, REPO, boardpackBin, launchBrowser } from '../lib/harness.js';

const PAPER_REL = 'content/transport-board/2026-06-16/03-bus-franchising-consultation.md';
const PAPER_URL = 'transport-board/2026-06-16/3-bus-franchising-consultation/';
const TIMEOUT = 60_000;

/** Starts `boardpack serve` on `root`; resolves to { url, port, stop() } once it prints its address. */
function startServe(root, port = 0) {
  const child = spawn(boardpackBin(), ['serve', '--root', root, '--port', String(port), '--as-of', AS_OF], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => {
    log += d;
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address:\n${log}`)), TIMEOUT);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/http:\/\/\S+/);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[0],
        port: Number(new URL(match[0]).port),
        log: () => log,
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
  });
}

/** Saves a file as editors do: a temporary file renamed over it. */
function save(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

describe('boardpack serve in the browser', () => {
  let site;
  let server;
  let browser;
  let page;
  let original;

  before(async () => {
    site = mkdtempSync(path.join(tmpdir(), 'boardpack-serve-browser-'));
    cpSync(path.join(REPO, 'site.yaml'), path.join(site, 'site.yaml'));
    cpSync(path.join(REPO, 'content'), path.join(site, 'content'), { recursive: true });
    original = readFileSync(path.join(site, PAPER_REL), 'utf8');
    server = await startServe(site);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 800, height: 500 }, reducedMotion: 'reduce' });
    context.setDefaultTimeout(TIMEOUT);
    context.setDefaultNavigationTimeout(TIMEOUT);
    page = await context.newPage();
    page.__problems = [];
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on('pageerror', (e) => page.__problems.push(`script error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.__problems.push(`console error: ${m.text()}`);
    });
    // Failed loads by address instead (the browser's own favicon request aside: the theme has none).
    page.on('response', (r) => {
      if (r.status() >= 400 && r.request().resourceType() !== 'document' && !r.url().endsWith('/favicon.ico')) {
        page.__problems.push(`HTTP ${r.status()} for ${r.url()}`);
      }
    });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  /** Waits for the page to load again after `action` (a save, a restart). */
  async function reloadAfter(action) {
    const loaded = page.waitForEvent('load', { timeout: TIMEOUT });
    await action();
    await loaded;
    await page.waitForLoadState('load');
  }

  it('reloads after a save, where the reader was, with no policy violation', async () => {
    await page.goto(server.url + PAPER_URL, { waitUntil: 'load' });
    // No need to wait for the script to connect: a page older than the latest build reloads on connecting.
    await page.evaluate(() => window.scrollTo(0, 600));
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 0, 'the paper is long enough to scroll');
    await reloadAfter(() => save(path.join(site, PAPER_REL), `${original}\nA sentence added in the preview.\n`));
    assert.match(await page.textContent('main'), /A sentence added in the preview\./);
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, before, { timeout: TIMEOUT });
    const state = await page.evaluate(() => ({ csp: window.__cspViolations, scripts: [...document.scripts].map((s) => s.src) }));
    assert.deepEqual(state.csp, [], 'no Content Security Policy violation');
    assert.deepEqual(page.__problems, []);
    assert.equal(state.scripts.filter((s) => s.includes('/__boardpack/reload.js')).length, 1);
  });

  it('an open search page reloads for the new index once it is made, and finds the new words', async () => {
    await page.goto(server.url + 'search/', { waitUntil: 'load' });
    const before = await page.getAttribute('form[data-index]', 'data-index');
    // The save reloads every page at once; the index follows, and then the search page reloads again.
    save(path.join(site, PAPER_REL), `${original}\nQuokkaword appears in this paper only.\n`);
    await page.waitForFunction((old) => document.querySelector('form[data-index]')?.getAttribute('data-index') !== old, before, { timeout: TIMEOUT });
    await page.waitForLoadState('load');
    await page.waitForFunction(() => document.getElementById('search-nojs').hidden, null, { timeout: TIMEOUT });
    await page.fill('#search-q', 'quokkaword');
    await page.waitForFunction(() => document.querySelectorAll('#search-list > li').length > 0, null, { timeout: TIMEOUT });
    const hrefs = await page.$$eval('#search-list > li h3 a', (links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((h) => h.includes('3-bus-franchising-consultation')), `the edited paper is found: ${hrefs}`);
    assert.deepEqual(page.__problems, []);
    await reloadAfter(() => save(path.join(site, PAPER_REL), original));
  });

  it('shows an accessible error page while the site is broken, then the page again', async () => {
    await reloadAfter(() => save(path.join(site, PAPER_REL), original.replace(/^date: .*$/m, 'date: [2026-06-16')));
    assert.equal(await page.textContent('h1'), 'The site did not build');
    assert.equal(await page.locator('[role=alert] h1').count(), 1);
    assert.match(await page.textContent('pre'), new RegExp(`${PAPER_REL.replace(/[.]/g, '\\.')}:\\d+:\\d+`));
    // The error page carries no Content Security Policy of its own, so axe can be injected inline.
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return results.violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })) }));
    }, AXE_TAGS);
    assert.equal(violations.length, 0, describeViolations(violations));
    await reloadAfter(() => save(path.join(site, PAPER_REL), original));
    assert.notEqual(await page.textContent('h1'), 'The site did not build');
    assert.deepEqual(page.__problems, []);
  });

  it('reconnects and reloads after the server restarts', async () => {
    const port = server.port;
    assert.equal(await server.stop(), 0, 'serve exits with 0 on SIGTERM');
    server = null;
    // The page keeps trying; the new server on the same port is a new build, so the page reloads.
    await reloadAfter(async () => {
      server = await startServe(site, port);
    });
    assert.equal(new URL(page.url()).port, String(port));
    assert.notEqual(await page.textContent('h1'), 'The site did not build');
  });
});
