// The built stress fixture itself: every page type listed in lib/harness.js was built, and nothing the
// public may not see reached the output (the fixture's exempt paper and exempt appendix carry canary
// text that must appear in no file).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SITES, siteDir } from '../lib/harness.js';

function allFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('built output', () => {
  for (const site of SITES) {
    it(`${site.name}: every page under test was built`, () => {
      const root = siteDir(site);
      const missing = Object.entries(site.pages)
        .map(([type, [p]]) => [type, path.join(root, p.endsWith('/') || p === '' ? path.join(p, 'index.html') : p)])
        .filter(([, file]) => !existsSync(file))
        .map(([type, file]) => `${type}: ${file}`);
      assert.deepEqual(missing, []);
    });
  }

  it('stress: no withheld (exempt) text is published', () => {
    const root = siteDir(SITES.find((s) => s.name === 'stress'));
    const leaks = allFiles(root).filter((f) => readFileSync(f).includes('CANARY-EXEMPT'));
    assert.deepEqual(leaks, []);
  });
});
