// Keyboard use, in the browser, on every page type of both sites:
// - the skip link is the first tab stop, is visible when focused, and moves focus to <main>;
// - every interactive element is reached by Tab, in document order, and nothing else is;
// - every tab stop has a role and an accessible name (scroll regions: see structure.test.js);
// - every tab stop shows a visible focus indicator: its computed outline or box-shadow when focused
//   differs from its unfocused style, and is not clipped away by a scrolling ancestor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, NARROW, SCROLL_REGIONS, allPages, axTree, open, setUp } from '../lib/harness.js';

// Elements that take keyboard focus by default (plus anything with tabindex >= 0).
const FOCUSABLE = [
  'a[href]',
  'area[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  'iframe',
  'audio[controls]',
  'video[controls]',
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(',');

/** In the page: marks every element that should be a tab stop with data-kb (its index) and returns them. */
function markTabStops([selector, regions]) {
  const style = (el) => {
    const cs = getComputedStyle(el);
    return {
      outlineStyle: cs.outlineStyle,
      outlineWidth: cs.outlineWidth,
      outlineColor: cs.outlineColor,
      boxShadow: cs.boxShadow,
      backgroundColor: cs.backgroundColor,
      color: cs.color,
      textDecoration: cs.textDecorationLine,
    };
  };
  document.activeElement?.blur?.();
  const stops = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) continue;
    // Not rendered at all (display: none, or inside a closed <details>): not a tab stop.
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    el.dataset.kb = String(stops.length);
    stops.push({
      index: stops.length,
      tag: el.tagName.toLowerCase(),
      cls: el.className && typeof el.className === 'string' ? el.className : '',
      text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
      href: el.getAttribute('href'),
      region: el.matches(regions),
      unfocused: style(el),
    });
  }
  return stops;
}

/** In the page: what has focus now, its focused style and whether its outline can be seen. */
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const cs = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const outlineWidth = parseFloat(cs.outlineWidth) || 0;
  const outlineOffset = parseFloat(cs.outlineOffset) || 0;
  const hasOutline = cs.outlineStyle !== 'none' && outlineWidth > 0;
  // The focus ring's box: the border box grown by the outline (when there is one).
  const grow = hasOutline ? outlineWidth + outlineOffset : 0;
  const ring = { left: rect.left - grow, top: rect.top - grow, right: rect.right + grow, bottom: rect.bottom + grow };
  // Ancestors that clip their overflow (scroll containers) cut the ring off at their padding box. Where
  // the element itself fits in the visible part of such an ancestor, so must its ring (a ring cut off
  // there is a theme fault: too little padding around focusable things in scroll regions). An element
  // wider or taller than the ancestor cannot be shown whole, but must be at least partly visible.
  const clippedBy = [];
  const tolerance = 0.5;
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const acs = getComputedStyle(a);
    if (acs.overflowX === 'visible' && acs.overflowY === 'visible') continue;
    const r = a.getBoundingClientRect();
    const box = {
      left: r.left + a.clientLeft,
      top: r.top + a.clientTop,
      right: r.left + a.clientLeft + a.clientWidth,
      bottom: r.top + a.clientTop + a.clientHeight,
    };
    const name = `${a.tagName.toLowerCase()}.${String(a.className).trim().replace(/\s+/g, '.')}`;
    const fitsX = rect.left >= box.left - tolerance && rect.right <= box.right + tolerance;
    const fitsY = rect.top >= box.top - tolerance && rect.bottom <= box.bottom + tolerance;
    const cutX = fitsX && (ring.left < box.left - tolerance || ring.right > box.right + tolerance);
    const cutY = fitsY && (ring.top < box.top - tolerance || ring.bottom > box.bottom + tolerance);
    const hidden = rect.right <= box.left || rect.left >= box.right || rect.bottom <= box.top || rect.top >= box.bottom;
    if (hidden) clippedBy.push(`${name} (the element is scrolled out of sight)`);
    else if (cutX || cutY) clippedBy.push(name);
  }
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  return {
    none: false,
    kb: el.dataset.kb ?? null,
    tag: el.tagName.toLowerCase(),
    cls: typeof el.className === 'string' ? el.className : '',
    text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
    focusVisible: el.matches(':focus-visible'),
    style: {
      outlineStyle: cs.outlineStyle,
      outlineWidth: cs.outlineWidth,
      outlineColor: cs.outlineColor,
      boxShadow: cs.boxShadow,
      backgroundColor: cs.backgroundColor,
      color: cs.color,
      textDecoration: cs.textDecorationLine,
    },
    size: { width: rect.width, height: rect.height },
    inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < vh && rect.left < vw,
    clippedBy,
  };
}

const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);

/** Why a focus style is not a visible indicator compared with the unfocused one, or null if it is. */
function indicatorProblem(unfocused, focused) {
  const outline =
    focused.outlineStyle !== 'none' &&
    parseFloat(focused.outlineWidth) >= 2 &&
    !transparent(focused.outlineColor) &&
    (unfocused.outlineStyle !== focused.outlineStyle ||
      unfocused.outlineWidth !== focused.outlineWidth ||
      unfocused.outlineColor !== focused.outlineColor);
  const shadow = focused.boxShadow !== 'none' && focused.boxShadow !== unfocused.boxShadow;
  if (outline || shadow) return null;
  return `no visible change of outline or box-shadow (unfocused: outline ${unfocused.outlineStyle} ${unfocused.outlineWidth} ${unfocused.outlineColor}, box-shadow ${unfocused.boxShadow}; focused: outline ${focused.outlineStyle} ${focused.outlineWidth} ${focused.outlineColor}, box-shadow ${focused.boxShadow})`;
}

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

describe('skip link', () => {
  let page;
  before(async () => {
    page = await env.newPage(DESKTOP);
  });
  for (const { site, type, path, kind } of allPages()) {
    it(`${site}: ${type}: the skip link is the first tab stop, visible, and moves focus to main`, async () => {
      await open(page, env.url(site, path), kind);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {
          cls: el.className,
          href: el.getAttribute('href'),
          text: el.textContent.trim(),
          visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= document.documentElement.clientWidth,
          target: document.querySelector('main')?.id,
        };
      });
      assert.equal(first.cls, 'skip-link', `the first tab stop is not the skip link: ${JSON.stringify(first)}`);
      assert.equal(first.href, '#main');
      assert.equal(first.text, 'Skip to main content');
      assert.ok(first.visible, 'the focused skip link is not fully on screen');
      assert.equal(first.target, 'main', '<main> does not have id="main"');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main');
      const after = await page.evaluate(() => ({
        focused: document.activeElement === document.querySelector('main'),
        tag: document.activeElement?.tagName,
      }));
      assert.ok(after.focused, `after the skip link, focus is on <${after.tag}>, not <main>`);
      // The next Tab continues from the start of the main content, not from the header.
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const main = document.querySelector('main');
        const el = document.activeElement;
        return main.contains(el) || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.ok(next, 'Tab after the skip link goes back into the header or breadcrumbs');
    });
  }
});

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['320px', NARROW],
]) {
  describe(`Tab through every page at ${label}`, () => {
    let page;
    before(async () => {
      page = await env.newPage(viewport);
    });
    for (const { site, type, path, kind } of allPages()) {
      it(`${site}: ${type}: every interactive element is reached in order, named, with a visible focus indicator`, async () => {
        await open(page, env.url(site, path), kind);
        const stops = await page.evaluate(markTabStops, [FOCUSABLE, SCROLL_REGIONS]);
        assert.ok(stops.length > 0, 'no interactive elements found');
        const names = new Map();
        for (const node of await axTree(page)) {
          if (node.backendDOMNodeId !== undefined) names.set(node.backendDOMNodeId, node);
        }
        // Accessible role and name of each stop, from Chromium's accessibility tree.
        const cdp = await page.context().newCDPSession(page);
        const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
        const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-kb]' });
        const unnamed = [];
        for (const nodeId of nodeIds) {
          const { node } = await cdp.send('DOM.describeNode', { nodeId });
          const index = Number(node.attributes[node.attributes.indexOf('data-kb') + 1]);
          const ax = names.get(node.backendNodeId);
          if (stops[index].region) continue; // structure.test.js: "scroll regions are focusable and labelled"
          if (!ax || !ax.name || ['generic', 'none', 'presentation', ''].includes(ax.role)) {
            const s = stops[index];
            unnamed.push(`<${s.tag} class="${s.cls}"> "${s.text}" (role ${ax?.role || 'none'}, name "${ax?.name ?? ''}")`);
          }
        }
        await cdp.detach();

        const reached = [];
        const problems = [];
        for (let i = 0; i < stops.length + 3; i += 1) {
          await page.keyboard.press('Tab');
          const f = await page.evaluate(describeFocus);
          if (f.none) break;
          if (f.kb === null) {
            problems.push(`unexpected tab stop <${f.tag} class="${f.cls}"> "${f.text}"`);
            continue;
          }
          const index = Number(f.kb);
          if (reached.includes(index)) break; // wrapped around
          reached.push(index);
          const stop = stops[index];
          const what = `<${stop.tag} class="${stop.cls}"> "${stop.text}"${stop.href ? ` (${stop.href})` : ''}`;
          const problem = indicatorProblem(stop.unfocused, f.style);
          if (problem) problems.push(`${what}: ${problem}`);
          if (!f.inViewport) problems.push(`${what}: not scrolled into view when focused`);
          if (f.size.width < 1 || f.size.height < 1) problems.push(`${what}: has no size when focused`);
          if (f.clippedBy.length) problems.push(`${what}: focus outline cut off by scrolling ancestor ${f.clippedBy.join(', ')}`);
        }
        const missed = stops.filter((s) => !reached.includes(s.index)).map((s) => `<${s.tag} class="${s.cls}"> "${s.text}"`);
        const outOfOrder = reached.some((index, i) => i > 0 && index < reached[i - 1]);
        assert.deepEqual(missed, [], `not reached by Tab:\n  ${missed.join('\n  ')}`);
        assert.ok(!outOfOrder, `tab order differs from document order: ${reached.join(', ')}`);
        assert.deepEqual(problems, [], `focus problems:\n  ${problems.join('\n  ')}`);
        assert.deepEqual(unnamed, [], `tab stops without a role and an accessible name:\n  ${unnamed.join('\n  ')}`);
      });
    }
  });
}
