// Reading order and structure, as Chromium's accessibility tree exposes them (what a screen reader gets),
// on every page type of both sites:
// - the heading outline has exactly one h1, which comes first, and never skips a level going down;
// - landmarks: one banner, one main, one contentinfo (all top level); every navigation and region is
//   labelled, and no two landmarks of one kind share a label (two navs need distinct aria-labels);
// - all content is inside a landmark, and the page has a language and a title;
// - every `.table-wrap` and `pre.code` (the regions that may scroll sideways on a narrow screen) is
//   focusable, so it can be scrolled with the keyboard, and has a role and a label, so a screen reader
//   says what it is when it takes focus.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, SCROLL_REGIONS, allPages, axTree, open, setUp } from '../lib/harness.js';
import { describeViolations, runAxe } from '../lib/axe.js';

const LANDMARKS = new Set(['banner', 'navigation', 'main', 'contentinfo', 'complementary', 'region', 'search', 'form']);

let env;
let page;
before(async () => {
  env = await setUp();
  page = await env.newPage(DESKTOP);
});
after(async () => {
  await env?.tearDown();
});

describe('headings and landmarks', () => {
  for (const { site, type, path, kind } of allPages()) {
    it(`${site}: ${type}: one h1, no skipped heading levels`, async () => {
      await open(page, env.url(site, path), kind);
      const headings = (await axTree(page)).filter((n) => n.role === 'heading' && !n.ignored);
      const outline = headings.map((h) => `${'  '.repeat(Math.max(0, (h.level ?? 1) - 1))}h${h.level} ${h.name}`).join('\n');
      const h1s = headings.filter((h) => h.level === 1);
      assert.equal(h1s.length, 1, `expected exactly one h1, found ${h1s.length}:\n${outline}`);
      assert.equal(headings[0].level, 1, `the first heading is not the h1:\n${outline}`);
      const title = await page.title();
      assert.ok(title.startsWith(h1s[0].name) || kind === 'home' || kind === 'not-found', `the page title "${title}" does not start with the h1 "${h1s[0].name}"`);
      const skips = [];
      headings.forEach((h, i) => {
        if (!h.name) skips.push(`empty h${h.level}`);
        if (i > 0 && h.level > headings[i - 1].level + 1) {
          skips.push(`h${headings[i - 1].level} "${headings[i - 1].name}" → h${h.level} "${h.name}"`);
        }
      });
      assert.deepEqual(skips, [], `heading problems:\n  ${skips.join('\n  ')}\noutline:\n${outline}`);
    });

    it(`${site}: ${type}: landmarks are unique and labelled`, async () => {
      await open(page, env.url(site, path), kind);
      const landmarks = (await axTree(page)).filter((n) => LANDMARKS.has(n.role) && !n.ignored);
      const list = landmarks.map((l) => `${l.role} "${l.name}"`).join(', ');
      const count = (role) => landmarks.filter((l) => l.role === role).length;
      assert.equal(count('main'), 1, `expected one main landmark: ${list}`);
      assert.equal(count('banner'), 1, `expected one banner (page header): ${list}`);
      assert.equal(count('contentinfo'), 1, `expected one contentinfo (page footer): ${list}`);
      const problems = [];
      for (const l of landmarks) {
        if (['navigation', 'region', 'complementary', 'search', 'form'].includes(l.role) && !l.name) {
          problems.push(`${l.role} without a label`);
        }
      }
      const seen = new Map();
      for (const l of landmarks) {
        const key = `${l.role} "${l.name}"`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      for (const [key, n] of seen) if (n > 1) problems.push(`${n} landmarks are ${key}`);
      assert.deepEqual(problems, [], `landmark problems:\n  ${problems.join('\n  ')}\nlandmarks: ${list}`);

      const doc = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        mainId: document.querySelector('main')?.id,
      }));
      assert.ok(doc.lang, 'the page has no lang');
      assert.ok(doc.title, 'the page has no title');
      assert.equal(doc.mainId, 'main');

      // axe-core's structural best-practice rules (not WCAG failures by themselves, but what these tests
      // stand for): all content in landmarks, landmarks unique and top level, headings in order.
      const results = await runAxe(page, {
        type: 'rule',
        values: [
          'region',
          'landmark-unique',
          'landmark-one-main',
          'landmark-no-duplicate-banner',
          'landmark-no-duplicate-contentinfo',
          'landmark-no-duplicate-main',
          'landmark-banner-is-top-level',
          'landmark-contentinfo-is-top-level',
          'landmark-main-is-top-level',
          'page-has-heading-one',
          'heading-order',
          'empty-heading',
          'skip-link',
        ],
      });
      assert.equal(results.violations.length, 0, `axe-core structure rules:\n${describeViolations(results.violations)}`);
    });

    it(`${site}: ${type}: scroll regions (${SCROLL_REGIONS}) are focusable and labelled`, async () => {
      await open(page, env.url(site, path), kind);
      const regions = await page.evaluate(
        (selector) =>
          [...document.querySelectorAll(selector)].map((el, i) => {
            el.dataset.region = String(i);
            const cls = el.className.trim().replace(/\s+/g, '.');
            return { what: `<${el.tagName.toLowerCase()}.${cls}> "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50)}"`, tabIndex: el.tabIndex };
          }),
        SCROLL_REGIONS,
      );
      const tree = await axTree(page);
      const cdp = await page.context().newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-region]' });
      const problems = [];
      for (const nodeId of nodeIds) {
        const { node } = await cdp.send('DOM.describeNode', { nodeId });
        const region = regions[Number(node.attributes[node.attributes.indexOf('data-region') + 1])];
        const ax = tree.find((n) => n.backendDOMNodeId === node.backendNodeId);
        if (region.tabIndex < 0) problems.push(`${region.what}: not focusable (no tabindex="0")`);
        if (!ax || !ax.name || ['generic', 'none', 'presentation', ''].includes(ax.role)) {
          problems.push(`${region.what}: no role and label (accessibility tree: role ${ax?.role || 'none'}, name "${ax?.name ?? ''}")`);
        }
      }
      await cdp.detach();
      assert.deepEqual(problems, [], `scroll regions that are not focusable and labelled:\n  ${problems.join('\n  ')}`);
    });
  }
});
