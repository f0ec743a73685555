// A small static file server for a built site, on 127.0.0.1 and a free port.
// The site is mounted at its base path (e.g. "/" or "/committees/"), as on the real host:
// "/x/" serves x/index.html, "/x" redirects to "/x/" when x is a folder, and anything missing gets
// the site's 404.html with status 404 (how static hosts are usually set up).
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

/**
 * Serves `root` at `basePath`. Resolves to { url, close() } where url is the site's address
 * (ending in the base path, e.g. "http://127.0.0.1:41234/committees/").
 */
export async function serve(root, basePath = '/') {
  const rootAbs = path.resolve(root);
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const notFound = async (res) => {
    const file = path.join(rootAbs, '404.html');
    const body = (await isFile(file)) ? await readFile(file) : Buffer.from('Not found');
    res.writeHead(404, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
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
      if (!decoded.startsWith(base) && `${decoded}/` !== base) {
        await notFound(res);
        return;
      }
      const rel = decoded.slice(Math.min(base.length, decoded.length));
      const file = path.join(rootAbs, rel);
      if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) {
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
      res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
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
