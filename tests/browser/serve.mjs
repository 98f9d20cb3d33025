// A tiny dependency-free static file server for built baucu portals.
//
//   import { serve } from './serve.mjs';
//   const site = await serve('public/quang-ninh');   // { url, close() }
//   ... fetch(site.url + '/tin-tuc/') ...
//   await site.close();
//
// It binds 127.0.0.1 on an ephemeral port and serves one directory as the site
// root: `/x/` → `/x/index.html`, `/x` (a directory) → redirect to `/x/`, and a
// missing file → 404 with the body of the site's own `/404.html` when it exists.
// Only GET and HEAD are answered. Paths never escape the served directory.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

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
 * Serve `dir` on 127.0.0.1 with an ephemeral port.
 * @param {string} dir
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve(dir) {
  const root = path.resolve(dir);
  if (!(await isDir(root))) throw new Error(`serve: not a directory: ${root}`);

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('405 Method Not Allowed\n');
        return;
      }
      const send = (status, type, body, extra = {}) => {
        res.writeHead(status, {
          'Content-Type': type,
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
          ...extra,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      };

      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        send(400, 'text/plain; charset=utf-8', Buffer.from('400 Bad Request\n'));
        return;
      }
      // Normalise and keep inside root (path.posix.normalize of an absolute
      // path never climbs above "/").
      const rel = path.posix.normalize(pathname.replaceAll('\\', '/'));
      if (rel.includes('\0')) {
        send(400, 'text/plain; charset=utf-8', Buffer.from('400 Bad Request\n'));
        return;
      }
      let file = path.join(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        send(403, 'text/plain; charset=utf-8', Buffer.from('403 Forbidden\n'));
        return;
      }

      if (rel.endsWith('/')) {
        file = path.join(file, 'index.html');
      } else if (await isDir(file)) {
        // Like a real static host: /x → /x/
        const location = url.pathname + '/' + url.search;
        send(301, 'text/plain; charset=utf-8', Buffer.from(`301 → ${location}\n`), { Location: location });
        return;
      }

      if (await isFile(file)) {
        send(200, contentType(file), await readFile(file));
        return;
      }

      const notFound = path.join(root, '404.html');
      if (await isFile(notFound)) {
        send(404, 'text/html; charset=utf-8', await readFile(notFound));
      } else {
        send(404, 'text/plain; charset=utf-8', Buffer.from('404 Not Found\n'));
      }
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`500 ${err && err.message}\n`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// `node serve.mjs <dir>`: serve a folder by hand until Ctrl-C.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tests/browser/serve.mjs <dir>');
    process.exit(2);
  }
  const site = await serve(dir);
  console.log(`serving ${path.resolve(dir)} at ${site.url}/`);
}
