// axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page type of both sites, at a desktop width and at
// 320 CSS pixels: zero violations. The full results (violations and "needs review") of each run are
// written to artifacts/axe/ for review.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { describeViolations, runAxe } from '../lib/axe.js';
import { AXE_TAGS, DESKTOP, NARROW, allPages, artifactPath, open, setUp } from '../lib/harness.js';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['320px', NARROW],
]) {
  describe(`axe-core WCAG 2.2 A/AA at ${label} (${viewport.width}px)`, () => {
    let page;
    before(async () => {
      page = await env.newPage(viewport);
    });
    for (const { site, type, path, kind } of allPages()) {
      it(`${site}: ${type} (/${path}) has no violations`, async () => {
        await open(page, env.url(site, path), kind);
        const results = await runAxe(page, { type: 'tag', values: AXE_TAGS });
        writeFileSync(artifactPath('axe', `${site}-${type}-${label}.json`), `${JSON.stringify(results, null, 2)}\n`);
        assert.equal(
          results.violations.length,
          0,
          `axe-core found ${results.violations.length} violation(s) on ${site} ${type} at ${label}:\n${describeViolations(results.violations)}`,
        );
      });
    }
  });
}
