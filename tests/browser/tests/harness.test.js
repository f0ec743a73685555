// The harness's own notion of "loaded cleanly" (lib/harness.js, open()), on small pages served here:
// a page whose subresource answers 404, whose request is refused, blocked (off-site, or by the Content
// Security Policy), aborted by the page itself, or that logs a console error does not load cleanly; a
// request cancelled because the test left its page (the next goto) does not count against either page;
// and a fetch still going at `load` is waited for and judged with its own page.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, launchBrowser, loadProblems, newTestPage, open } from '../lib/harness.js';

const CSS = '.skip-link { position: absolute; left: -9999px; }';
const page = (kind, head = '', body = '') =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${kind}</title><link rel="stylesheet" href="/s.css">${head}</head>` +
  `<body class="page-${kind}"><a class="skip-link" href="#main">Skip</a><main id="main"><h1>${kind}</h1>${body}</main></body></html>`;

/** Polls `test` (in Node) until it holds. */
async function waitFor(test, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let server;
let origin;
let refusedPort;
let browser;
const hanging = new Set();

before(async () => {
  // A port nothing listens on: open one, note it, close it.
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusedPort = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));

  const routes = {
    '/s.css': ['text/css', CSS],
    '/plain.html': ['text/html', page('plain')],
    '/other.html': ['text/html', page('other')],
    '/missing-image.html': ['text/html', page('missing-image', '', '<img src="/missing.png" alt="x">')],
    '/slow-index.html': ['text/html', page('slow-index', '<script src="/fetch-slow.js" defer></script>')],
    '/fetch-slow.js': ['text/javascript', "fetch('/slow.json').then((r) => r.json());"],
    '/slow-missing.html': ['text/html', page('slow-missing', '<script src="/fetch-slow-missing.js" defer></script>')],
    '/fetch-slow-missing.js': ['text/javascript', "fetch('/slow-missing.json').catch(() => {});"],
    '/refused.html': ['text/html', page('refused', '<script src="/fetch-refused.js" defer></script>')],
    '/fetch-refused.js': ['text/javascript', `fetch('http://127.0.0.1:${refusedPort}/x.json').catch(() => {});`],
    '/offsite.html': ['text/html', page('offsite', '<script src="/fetch-offsite.js" defer></script>')],
    '/fetch-offsite.js': ['text/javascript', "fetch('https://example.com/x.json').catch(() => {});"],
    '/self-abort.html': ['text/html', page('self-abort', '<script src="/fetch-self-abort.js" defer></script>')],
    '/fetch-self-abort.js': ['text/javascript', "const c = new AbortController(); fetch('/hang.json', { signal: c.signal }).catch(() => {}); setTimeout(() => c.abort(), 50);"],
    '/console.html': ['text/html', page('console', '<script src="/console.js" defer></script>')],
    '/console.js': ['text/javascript', "console.error('something broke');"],
    '/csp.html': ['text/html', page('csp', '<script>document.title = "inline";</script>'), { 'content-security-policy': "script-src 'self'" }],
  };
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/slow.json') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":"yes"}'), 1500);
      return;
    }
    if (pathname === '/slow-missing.json') {
      setTimeout(() => res.writeHead(404).end(), 1500);
      return;
    }
    if (pathname === '/hang.json') {
      hanging.add(res); // answered never: only cancelling ends it
      return;
    }
    const route = routes[pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': `${route[0]}; charset=utf-8`, 'cache-control': 'no-store', ...(route[2] ?? {}) }).end(route[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  for (const res of hanging) res.destroy();
  server?.closeAllConnections?.();
  await new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('loadProblems (the verdict on a record of events)', () => {
  const doc = 'LOADER-NOW';
  const old = 'LOADER-BEFORE';
  it('excuses only ERR_ABORTED of a request made by a page since left', () => {
    const events = [{ kind: 'failed', url: 'http://h/search/index-1/index.json', errorText: 'net::ERR_ABORTED', loaderIds: [old] }];
    assert.deepEqual(loadProblems(events, doc), []);
  });
  it('counts everything else', () => {
    const events = [
      // aborted, but the document under test asked for it (too)
      { kind: 'failed', url: 'http://h/a.json', errorText: 'net::ERR_ABORTED', loaderIds: [doc] },
      { kind: 'failed', url: 'http://h/a2.json', errorText: 'net::ERR_ABORTED', loaderIds: [old, doc] },
      // aborted, made by no document known
      { kind: 'failed', url: 'http://h/a3.json', errorText: 'net::ERR_ABORTED', loaderIds: [] },
      { kind: 'failed', url: 'http://h/b.json', errorText: 'net::ERR_FAILED', loaderIds: [old] },
      { kind: 'failed', url: 'http://h/c.json', errorText: 'net::ERR_CONNECTION_REFUSED', loaderIds: [doc] },
      { kind: 'failed', url: 'http://h/d.js', errorText: 'net::ERR_BLOCKED_BY_CLIENT', loaderIds: [doc] },
      { kind: 'http', status: 404, url: 'http://h/e.png', loaderIds: [doc] },
      { kind: 'http', status: 500, url: 'http://h/f.json', loaderIds: [old] },
      { kind: 'console', text: 'console error: x' },
    ];
    const problems = loadProblems(events, doc);
    assert.equal(problems.length, events.length, problems.join('\n'));
    assert.match(problems[3], /b\.json \(net::ERR_FAILED\) \(requested by the page before\)/);
  });
});

describe('open() in the browser', () => {
  let p;
  before(async () => {
    p = await newTestPage(browser, DESKTOP);
  });
  after(async () => {
    await p?.context().close();
  });

  it('a plain page loads cleanly', async () => {
    await open(p, `${origin}/plain.html`, 'plain');
  });

  it('a subresource answering 404 fails', async () => {
    await assert.rejects(open(p, `${origin}/missing-image.html`, 'missing-image'), /did not load cleanly:[^]*HTTP 404 for .*\/missing\.png/);
  });

  it('a fetch still going at load is waited for, and judged with its own page', async () => {
    await open(p, `${origin}/slow-index.html`, 'slow-index');
    const slow = [...p.__watch.requests.values()].filter((r) => r.url.endsWith('/slow.json'));
    assert.equal(slow.length, 1, 'the page fetched its data');
    assert.ok(slow[0].pwDone || slow[0].cdpDone, 'open() returned before the page had its data');
    await assert.rejects(open(p, `${origin}/slow-missing.html`, 'slow-missing'), /HTTP 404 for .*\/slow-missing\.json/);
    // …and not blamed on the page after it.
    await open(p, `${origin}/plain.html`, 'plain');
  });

  it('a request the page made, cancelled because the test went on to the next page, does not count', async () => {
    await open(p, `${origin}/plain.html`, 'plain');
    // The page starts a fetch that will never be answered (as the search page's index may still be
    // loading when a test is done with it); the next goto leaves the page, which cancels it.
    await p.evaluate(() => {
      fetch('/hang.json').catch(() => {});
    });
    await waitFor(() => [...p.__watch.requests.values()].some((r) => r.url.endsWith('/hang.json')), 'the fetch to start');
    await open(p, `${origin}/other.html`, 'other');
    const aborted = p.__watch.events.filter((e) => e.kind === 'failed' && e.url.endsWith('/hang.json'));
    assert.equal(aborted.length, 1, `the fetch was cancelled during the navigation: ${JSON.stringify(p.__watch.events)}`);
    assert.equal(aborted[0].errorText, 'net::ERR_ABORTED');
  });

  it('a request refused by the server fails', async () => {
    await assert.rejects(open(p, `${origin}/refused.html`, 'refused'), /request failed: .*x\.json \(net::ERR_CONNECTION_REFUSED\)/);
  });

  it('a request for another host (stopped by the tests) fails', async () => {
    await assert.rejects(open(p, `${origin}/offsite.html`, 'offsite'), /request failed: https:\/\/example\.com\/x\.json \(net::ERR_FAILED\)/);
  });

  it('an abort by the page itself, while it is the page under test, still fails', async () => {
    await assert.rejects(open(p, `${origin}/self-abort.html`, 'self-abort'), /request failed: .*hang\.json \(net::ERR_ABORTED\)/);
  });

  it('a console error fails', async () => {
    await assert.rejects(open(p, `${origin}/console.html`, 'console'), /console error: something broke/);
  });

  it('a Content Security Policy violation fails', async () => {
    await assert.rejects(open(p, `${origin}/csp.html`, 'csp'), /Content Security Policy: script-src/);
  });

  it('a page that is not the one expected fails', async () => {
    await assert.rejects(open(p, `${origin}/plain.html`, 'other'), /is not a other page/);
  });
});
