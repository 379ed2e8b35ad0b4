/**
 * A small static server for a built folder, on 127.0.0.1 only, under a strict CSP (no inline
 * script or style, no eval, no wasm) so that the demo proves the search box works under it.
 * Text files are sent gzip-compressed when the browser accepts it, as any real host would.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The Content-Security-Policy every response carries. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** A running server: its URL and a way to stop it. */
export type RunningServer = { url: string; port: number; server: Server; close(): void };

/** Options for benchmarks: another policy (to serve other tools) and a count of body bytes sent. */
export type ServeOptions = { csp?: string; onSent?: (path: string, bytes: number) => void };

/** Serves `dir` on 127.0.0.1:`port` (0 picks a free port). */
export async function serve(dir: string, port: number, options: ServeOptions = {}): Promise<RunningServer> {
  const csp = options.csp ?? CSP;
  const root = resolve(dir);
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
    throw new ServeError(`${dir}: folder not found. Build it first: sagasu build --out ${dir}`);
  }
  const gzCache = new Map<string, { mtime: number; body: Buffer }>();
  const server = createServer((req, res) => {
    void (async () => {
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { Location: `${encodeURI(path)}/` }).end();
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 not found');
        return;
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // The manifest must always be fresh; the build folder b-<hash>/ is named by its content and never
      // changes, nor do Pagefind's hashed index files (served the same way, for a fair comparison).
      const cache = /\/b-[0-9a-f]{16}\/|\.pf_(?:index|fragment|meta)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
      const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cache, Vary: 'Accept-Encoding' };
      let body: Buffer;
      // Sagasu's .bin postings are compressible binary, which hosts compress by extension too;
      // Pagefind's files are gzip already and go as they are.
      const compressible = /^(text\/|application\/json|image\/svg)/.test(type) || extname(file) === '.bin';
      if (compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const cached = gzCache.get(file);
        if (cached && cached.mtime === info.mtimeMs) body = cached.body;
        else {
          body = gzipSync(await readFile(file), { level: 6 });
          gzCache.set(file, { mtime: info.mtimeMs, body });
        }
        headers['Content-Encoding'] = 'gzip';
      } else {
        body = await readFile(file);
      }
      headers['Content-Length'] = String(body.length);
      res.writeHead(200, headers);
      options.onSent?.(path, req.method === 'HEAD' ? 0 : body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end('server error');
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? new ServeError(`port ${port} is in use. Pass --port with another number (or 0 for any free port)`) : error));
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}/`, port: actual, server, close: () => server.close() };
}

/** A problem the user can fix (missing folder, busy port). */
export class ServeError extends Error {
  override name = 'ServeError';
}
