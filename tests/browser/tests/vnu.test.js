// The Nu HTML Checker (vnu-jar from npm, run with the machine's Java) on every page both sites generate,
// and on their stylesheets: zero errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BROWSER_DIR, SITES, htmlFiles, siteDir } from '../lib/harness.js';

const VNU = path.join(BROWSER_DIR, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** Runs vnu on `files`; resolves to its messages (it reports on stderr, as JSON). */
function vnu(args, files) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...args, ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Exit status 1 means "errors found"; the messages say which. Anything else is a failure to run.
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      try {
        resolve(JSON.parse(stderr).messages);
      } catch {
        reject(new Error(`vnu did not report JSON (exit ${error?.code ?? 0}):\n${stderr}\n${stdout}`));
      }
    });
  });
}

function describeMessages(messages, root) {
  return messages
    .map((m) => {
      const file = m.url ? path.relative(root, decodeURIComponent(m.url.replace(/^file:/, ''))) : '?';
      return `  ${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}\n    ${(m.extract ?? '').replace(/\s+/g, ' ').trim()}`;
    })
    .join('\n');
}

describe('Nu HTML Checker', () => {
  it('vnu.jar is installed', () => {
    assert.ok(existsSync(VNU), `${VNU} is missing: run npm ci in tests/browser`);
  });
  for (const site of SITES) {
    it(`${site.name}: every generated page and the stylesheet have no errors`, async () => {
      const root = siteDir(site);
      const files = htmlFiles(root);
      assert.ok(files.length >= Object.keys(site.pages).length, `only ${files.length} pages in ${root}`);
      const css = path.join(root, 'assets', 'style.css');
      const messages = await vnu(['--also-check-css'], [...files, css]);
      const errors = messages.filter((m) => m.type !== 'info');
      assert.deepEqual(errors.length, 0, `vnu found ${errors.length} error(s) in ${files.length} pages:\n${describeMessages(errors, root)}`);
    });
  }
});
