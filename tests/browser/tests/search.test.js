// The search page in a real browser, used with the keyboard only: a search on the example site finds the
// paper, announces its count once (not on every keystroke), a filter narrows the results, a result leads
// to the paragraph that matched; a misspelt word gets suggestions; a word the site lacks costs no postings; the stress site (under a sub-path)
// searches too; and axe-core finds no violations with results shown, at 1280 and 320 px, and the page
// does not scroll sideways.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeViolations, runAxe } from '../lib/axe.js';
import { AXE_TAGS, DESKTOP, NARROW, TIMEOUT, open, setUp } from '../lib/harness.js';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

/** Opens the search page and waits for the script to take over (it hides the no-script message). */
async function openSearch(page, site, query = '') {
  await open(page, env.url(site, `search/${query}`), 'search');
  await page.waitForFunction(() => document.getElementById('search-nojs').hidden, null, { timeout: TIMEOUT });
}

/** Records every text the status region is given, and each time the results list is redrawn. */
async function watchStatus(page) {
  await page.evaluate(() => {
    window.__announced = [];
    window.__redrawn = 0;
    const status = document.getElementById('search-status');
    new MutationObserver(() => window.__announced.push(status.textContent)).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    new MutationObserver(() => {
      window.__redrawn += 1;
    }).observe(document.getElementById('search-list'), { childList: true });
  });
}

const announced = (page) => page.evaluate(() => window.__announced.filter((t) => t.trim() !== ''));

/** The results shown: [{ title, href, kind, snippetMarks }]. */
function results(page) {
  return page.$$eval('#search-list > li', (items) =>
    items.map((li) => ({
      title: li.querySelector('h3 a').textContent,
      href: li.querySelector('h3 a').getAttribute('href'),
      kind: li.querySelector('.badge').textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()),
    })),
  );
}

/** Presses Tab until `selector` has focus (at most `limit` times). */
async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('search', () => {
  it('example: type, hear the count once, filter, and follow a result to its paragraph (keyboard only)', async () => {
    const page = await env.newPage(DESKTOP);
    // The page's clock stands still unless the test moves it: the script's pauses (results 200 ms after
    // a key, the count 1200 ms after the results) are then judged by the page's time, not by how fast a
    // loaded machine happens to deliver keys and run timers.
    await page.clock.install({ time: Date.now() });
    await page.clock.pauseAt(Date.now() + 1000);
    await openSearch(page, 'example');
    await watchStatus(page);

    // Typing shows results as you go: each key, then 350 ms of the page's time (a slow typist), and the
    // results for what is typed so far are drawn; nothing is announced while typing goes on.
    await tabTo(page, '#search-q');
    let typed = '';
    for (const key of 'bus franchis') {
      typed += key;
      await page.keyboard.type(key);
      await page.clock.runFor(350);
      // The search for what is typed so far has finished when it puts the words in the address.
      await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, typed.trim());
    }
    assert.ok((await page.evaluate(() => window.__redrawn)) > 3, 'the results follow the typing');
    assert.deepEqual(await announced(page), [], 'nothing is announced while typing');
    // The count is announced once, after typing pauses.
    await page.clock.runFor(1300);
    // …and only once, however long the pause.
    await page.clock.runFor(3000);
    let said = await announced(page);
    assert.equal(said.length, 1, `one announcement for one search, got ${JSON.stringify(said)}`);
    assert.match(said[0], /^\d+ results? for “bus franchis”\.$/);
    const count = Number(said[0].match(/^\d+/)[0]);
    assert.equal((await results(page)).length, Math.min(count, 10));
    // The word being typed matches the words it begins, and they are marked.
    const first = await results(page);
    assert.match(first[0].title, /Bus franchising/);
    assert.ok(first[0].marks.includes('franchising') && first[0].marks.includes('bus'), JSON.stringify(first[0]));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q', 'focus stays in the search box');
    assert.match(page.url(), /[?&]q=bus\+franchis/, 'the address holds the search');

    // Enter announces again (once), even with the same words.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__announced.filter((t) => t.trim()).length >= 2);
    await page.clock.runFor(3000);
    said = await announced(page);
    assert.equal(said.length, 2, JSON.stringify(said));

    // A filter from the keyboard: only minutes.
    await tabTo(page, '#search-kind-minutes');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.__announced.filter((t) => t.trim()).length >= 3);
    said = await announced(page);
    assert.match(said[2], /results? for “bus franchis” \(filtered: Minutes\)\.$/, said[2]);
    const minutes = await results(page);
    assert.ok(minutes.length > 0 && minutes.length < count, `${minutes.length} of ${count}`);
    assert.ok(minutes.every((r) => r.kind === 'Minutes'), JSON.stringify(minutes));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-kind-minutes', 'focus stays on the filter');
    assert.match(page.url(), /[?&]kind=minutes/);
    // Untick it again.
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.__announced.filter((t) => t.trim()).length >= 4);

    // A word in the body of papers: the result links to the paragraph, and the paragraph has the word.
    await tabTo(page, '#search-q');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('depot');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__announced.filter((t) => t.trim()).length >= 5);
    const depot = await results(page);
    const toParagraph = depot.find((r) => /#p\d/.test(r.href));
    assert.ok(toParagraph, `a result links to a paragraph: ${JSON.stringify(depot)}`);
    await tabTo(page, `#search-list a[href="${toParagraph.href}"]`);
    await Promise.all([page.waitForURL((u) => u.hash !== ''), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    assert.equal(url.pathname + url.hash, toParagraph.href);
    const target = await page.evaluate(() => {
      const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      return el && { matches: el.matches(':target'), text: el.textContent.toLowerCase() };
    });
    assert.ok(target, `the page has the element ${url.hash}`);
    assert.ok(target.matches && target.text.includes('depot'), `${url.hash} holds the word: ${target.text.slice(0, 200)}`);
  });

  it('example: a misspelt word gets suggestions that search', async () => {
    const page = await env.newPage(DESKTOP);
    await openSearch(page, 'example', '?q=franchisng');
    await page.waitForFunction(() => !document.getElementById('search-none').hidden);
    assert.match(await page.textContent('#search-status'), /^No results for “franchisng”\.$/);
    const suggestion = page.locator('#search-none a', { hasText: 'franchising' });
    assert.equal(await suggestion.count(), 1, await page.textContent('#search-none'));
    await suggestion.focus();
    await Promise.all([page.waitForURL(/q=franchising/), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.querySelectorAll('#search-list > li').length > 0);
    assert.match(await page.textContent('#search-status'), /^\d+ results? for “franchising”\.$/);
  });

  it('example: a query with a word the site lacks names it and fetches no postings or records', async () => {
    const page = await env.newPage(DESKTOP);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    // "transport" alone is common enough to have a postings file of its own: the query would fetch it.
    await openSearch(page, 'example', '?q=transport');
    await page.waitForFunction(() => document.querySelectorAll('#search-list > li').length > 0);
    assert.ok(fetched.some((p) => /\/p\/\d+\.json$/.test(p)), fetched.join('\n'));
    // A page of its own, so nothing comes from the first one's cache unseen.
    const fresh = await env.newPage(DESKTOP);
    const asked = [];
    fresh.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await openSearch(fresh, 'example', '?q=transport+qqxzv');
    await fresh.waitForFunction(() => !document.getElementById('search-none').hidden);
    assert.match(await fresh.textContent('#search-status'), /^No results for/);
    assert.match(await fresh.textContent('#search-none'), /qqxzv/);
    assert.ok(asked.some((p) => /\/t\/[^/]+\.json$/.test(p)), asked.join('\n'));
    const wasted = asked.filter((p) => /\/(p|d)\/\d+\.json$/.test(p));
    assert.deepEqual(wasted, [], 'postings or records fetched for a query that cannot match');
  });

  it('stress: searching under a sub-path leads to pages under it', async () => {
    const page = await env.newPage(DESKTOP);
    await openSearch(page, 'stress', '?q=flood');
    await page.waitForFunction(() => document.querySelectorAll('#search-list > li').length > 0);
    const found = await results(page);
    assert.ok(found.every((r) => r.href.startsWith('/committees/papers/')), JSON.stringify(found));
    await page.click('#search-list a');
    await page.waitForURL(/\/committees\/papers\/.+/);
    assert.ok(!(await page.title()).startsWith('Page not found'), await page.title());
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['320px', NARROW],
  ]) {
    it(`example: no axe-core violations and no sideways scrolling with results shown (${label})`, async () => {
      const page = await env.newPage(viewport);
      await openSearch(page, 'example', '?q=transport&kind=paper&kind=minutes');
      await page.waitForFunction(() => document.querySelectorAll('#search-list > li').length > 0);
      await page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '');
      const results = await runAxe(page, { type: 'tag', values: AXE_TAGS });
      assert.equal(results.violations.length, 0, describeViolations(results.violations));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(wide, false, 'the page scrolls sideways');
    });
  }
});
