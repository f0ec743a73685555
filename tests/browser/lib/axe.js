// Running axe-core in the page: node_modules/axe-core/axe.min.js, injected with a script tag (the
// @axe-core/playwright wrapper needs Node 22). The test server serves it from the page's own origin, as
// the pages' Content Security Policy (script-src 'self') allows no inline script.
import { AXE_URL_PATH } from './harness.js';

/** Runs axe on the open page with the given rule tags (or rule ids), returning its results. */
export async function runAxe(page, runOnly) {
  await page.addScriptTag({ url: new URL(AXE_URL_PATH, page.url()).href });
  return page.evaluate(async (only) => {
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, { runOnly: only, resultTypes: ['violations', 'incomplete'] });
    const slim = (list) =>
      list.map((r) => ({
        id: r.id,
        impact: r.impact,
        help: r.help,
        helpUrl: r.helpUrl,
        nodes: r.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      }));
    return { violations: slim(results.violations), incomplete: slim(results.incomplete) };
  }, runOnly);
}

export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `    - ${n.target}\n      ${n.html.slice(0, 200).replace(/\s+/g, ' ')}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
      return `  ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}
