// A small static file server for a built site, on 127.0.0.1 and a free port.
// The site is mounted at its base path (e.g. "/" or "/committees/"), as on the real host:
// "/x/" serves x/index.html, "/x" redirects to "/x/" when x is a folder, anything missing gets the
// site's 404.html with status 404, and the headers in the site's `_headers` file are sent, as Netlify and
// Cloudflare Pages do (so the pages are tested under their real Content Security Policy).
// `extra` maps absolute URL paths to files served beside the site (the tests' copy of axe-core, which
// the policy's script-src 'self' allows only from the same origin).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** The rules of a `_headers` file: [{ pattern: RegExp, headers: [[name, value]] }]. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else if (rules.length) {
      const colon = line.indexOf(':');
      if (colon > 0) rules.at(-1).headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/**
 * Serves `root` at `basePath`. Resolves to { url, close() } where url is the site's address
 * (ending in the base path, e.g. "http://127.0.0.1:41234/committees/").
 */
export async function serve(root, basePath = '/', extra = {}) {
  const rootAbs = path.resolve(root);
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const headersFile = path.join(rootAbs, '_headers');
  const rules = (await isFile(headersFile)) ? parseHeadersFile(await readFile(headersFile, 'utf8')) : [];
  const siteHeaders = (rel) =>
    Object.fromEntries(rules.filter((r) => r.pattern.test(`/${rel}`)).flatMap((r) => r.headers));
  const notFound = async (res, rel = '404.html') => {
    const file = path.join(rootAbs, '404.html');
    const body = (await isFile(file)) ? await readFile(file) : Buffer.from('Not found');
    res.writeHead(404, { ...siteHeaders(rel), 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
    res.end(body);
  };
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        res.end();
        return;
      }
      const { pathname } = new URL(req.url, 'http://localhost');
      let decoded;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        await notFound(res);
        return;
      }
      if (Object.hasOwn(extra, decoded)) {
        const body = await readFile(extra[decoded]);
        const type = TYPES[path.extname(extra[decoded]).toLowerCase()] ?? 'application/octet-stream';
        res.writeHead(200, { 'content-type': type, 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      if (!decoded.startsWith(base) && `${decoded}/` !== base) {
        await notFound(res);
        return;
      }
      const rel = decoded.slice(Math.min(base.length, decoded.length));
      const file = path.join(rootAbs, rel);
      // The host's own files are not served.
      if ((file !== rootAbs && !file.startsWith(rootAbs + path.sep)) || rel === '_headers' || rel.startsWith('.boardpack')) {
        await notFound(res);
        return;
      }
      let target = file;
      if (await isDir(file)) {
        if (!decoded.endsWith('/')) {
          res.writeHead(301, { location: `${pathname}/` });
          res.end();
          return;
        }
        target = path.join(file, 'index.html');
      }
      if (!(await isFile(target))) {
        await notFound(res);
        return;
      }
      const body = await readFile(target);
      const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
      // Header rules match the address asked for, relative to the site's base path.
      res.writeHead(200, { ...siteHeaders(rel), 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
