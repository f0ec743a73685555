// Print: with print media emulated, a meeting page and a paper page of each site show no header
// navigation, breadcrumbs, footer navigation, skip link or pager; the content is still there; and every
// external link shows its address after its text (computed ::after content), except links whose text
// already is the address (class "url"). A PDF of each is written to artifacts/print/ for review.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, SITES, artifactPath, open, setUp } from '../lib/harness.js';

const HIDDEN_IN_PRINT = ['.skip-link', '.site-nav', '.breadcrumbs', '.footer-nav', '.pager'];

/** In the page: what print media shows of the navigation, and the ::after content of external links. */
function inspectPrint(hiddenSelectors) {
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && el.getClientRects().length > 0;
  const navigation = hiddenSelectors.map((selector) => ({
    selector,
    present: document.querySelectorAll(selector).length,
    visible: [...document.querySelectorAll(selector)].filter(shown).length,
  }));
  const links = [...document.querySelectorAll('a[href]')]
    .filter((a) => /^https?:/i.test(a.getAttribute('href')) && shown(a))
    .map((a) => ({
      href: a.getAttribute('href'),
      text: a.textContent.trim().replace(/\s+/g, ' '),
      isUrl: a.classList.contains('url'),
      after: getComputedStyle(a, '::after').content,
    }));
  return {
    media: matchMedia('print').matches,
    h1: document.querySelector('h1') && shown(document.querySelector('h1')),
    mainText: document.querySelector('main').innerText.length,
    navigation,
    links,
  };
}

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

describe('print stylesheet', () => {
  for (const site of SITES) {
    for (const [type, path] of Object.entries(site.print)) {
      it(`${site.name}: ${type} page prints without navigation, with external link addresses`, async () => {
        const page = await env.newPage(DESKTOP);
        await open(page, env.url(site.name, path), type);
        // After the navigation: Chromium forgets an emulated media type set before it while another
        // CDP session (the harness's, see watchPage) is attached to the page.
        await page.emulateMedia({ media: 'print' });
        const p = await page.evaluate(inspectPrint, HIDDEN_IN_PRINT);
        assert.ok(p.media, 'print media emulation is not in effect');
        assert.ok(p.h1 && p.mainText > 200, 'the main content is not printed');
        for (const nav of p.navigation) {
          if (['.site-nav', '.breadcrumbs', '.footer-nav'].includes(nav.selector)) {
            assert.ok(nav.present > 0, `${nav.selector} is missing from the page, so its print style is not tested`);
          }
          assert.equal(nav.visible, 0, `${nav.selector} is visible in print`);
        }
        const problems = [];
        for (const link of p.links) {
          const showsUrl = link.after.includes(link.href);
          if (link.isUrl && showsUrl) problems.push(`"${link.text}" repeats its address, which is already its text`);
          if (!link.isUrl && !showsUrl) problems.push(`"${link.text}" (${link.href}): ::after content is ${link.after}`);
        }
        assert.deepEqual(problems, [], `external links in print:\n  ${problems.join('\n  ')}`);
        if (site.name === 'stress') {
          // The stress fixture puts an external link in the text of both pages, so the check always bites.
          assert.ok(p.links.some((l) => !l.isUrl), 'no external link in the printed text to check');
        }
        await page.pdf({ path: artifactPath('print', `${site.name}-${type}.pdf`), format: 'A4', printBackground: false });
        await page.context().close();
      });
    }
  }
});
