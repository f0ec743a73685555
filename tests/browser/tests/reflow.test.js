// Reflow and text size, on every page type of both sites:
// - at 1280 and 320 CSS pixels wide, and at 200% text size (the browser's font size setting doubled, at
//   1280 px), the page never scrolls sideways: document.documentElement.scrollWidth <= clientWidth;
// - only `.table-wrap` and `pre.code` regions may scroll sideways inside the page (that they are focusable
//   and labelled is checked once per page, in structure.test.js);
// - screenshots of each page at each size are written to artifacts/screenshots/ for review.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, NARROW, SCROLL_REGIONS, allPages, artifactPath, open, setUp } from '../lib/harness.js';

/** In the page: horizontal overflow of the page, what causes it, and the elements that scroll sideways. */
function measureReflow(regionSelector) {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().replace(/\s+/g, '.')}` : '';
    return `<${el.tagName.toLowerCase()}${cls}> "${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
  };
  const clips = (el) => {
    const cs = getComputedStyle(el);
    return cs.overflowX !== 'visible' || cs.clipPath !== 'none' || cs.clip !== 'auto';
  };
  // Elements that stick out of the viewport and are not inside something that clips or scrolls them.
  const overflowing = [];
  const walk = (el, clipped) => {
    for (const child of el.children) {
      const r = child.getBoundingClientRect();
      if (!clipped && (r.width > 0 || r.height > 0) && (r.right > width + 0.5 || r.left < -0.5)) {
        overflowing.push(`${describe(child)} spans ${Math.round(r.left)}…${Math.round(r.right)}px`);
      }
      walk(child, clipped || clips(child));
    }
  };
  walk(document.body, false);
  // Elements that scroll sideways themselves.
  const scrollers = [];
  for (const el of document.querySelectorAll('body *')) {
    const cs = getComputedStyle(el);
    if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      scrollers.push({ what: describe(el), allowed: el.matches(regionSelector) });
    }
  }
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: width,
    rootFontSize: getComputedStyle(root).fontSize,
    // The last offenders found are the innermost, the informative ones; keep the list short.
    overflowing: overflowing.slice(-12),
    scrollers,
  };
}

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

async function checkReflow(page, label) {
  const m = await page.evaluate(measureReflow, SCROLL_REGIONS);
  assert.ok(
    m.scrollWidth <= m.clientWidth,
    `the page scrolls sideways at ${label}: scrollWidth ${m.scrollWidth}px > clientWidth ${m.clientWidth}px; sticking out:\n  ${m.overflowing.join('\n  ')}`,
  );
  const stray = m.scrollers.filter((s) => !s.allowed).map((s) => s.what);
  assert.deepEqual(stray, [], `elements other than ${SCROLL_REGIONS} scroll sideways at ${label}`);
  return m;
}

const SIZES = [
  { label: 'desktop', viewport: DESKTOP, text: 1 },
  { label: '320px', viewport: NARROW, text: 1 },
  { label: 'text-200', viewport: DESKTOP, text: 2 },
];

for (const { label, viewport, text } of SIZES) {
  describe(`reflow at ${label} (${viewport.width}px wide, text ${text * 100}%)`, () => {
    let page;
    before(async () => {
      page = await env.newPage(viewport);
      if (text !== 1) {
        // The browser's own font size setting (Settings › Appearance › Font size), as a reader would set it.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Page.enable');
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 * text, fixed: 13 * text } });
      }
    });
    for (const { site, type, path, kind } of allPages()) {
      it(`${site}: ${type}: no sideways scrolling, except inside table and code regions`, async () => {
        await open(page, env.url(site, path), kind);
        if (text !== 1) {
          const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
          assert.equal(size, `${16 * text}px`, 'the text size setting did not take effect');
        }
        await page.screenshot({ path: artifactPath('screenshots', site, `${type}-${label}.png`), fullPage: true });
        await checkReflow(page, label);
      });
    }
  });
}
