import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves one file from `root` (no directory escape, known types only). CSS is rewritten so the
 * frameworks' absolute `/assets/` URLs point at `assetsUrl` (the console serves them under /console).
 */
export async function sendStatic(reply: FastifyReply, root: string, rel: string, rewrite?: { from: string; to: string }): Promise<FastifyReply> {
  const base = resolve(root);
  const file = resolve(base, rel);
  const type = TYPES[extname(file)];
  if (!type || !(file.startsWith(base + sep))) return reply.status(404).type('text/plain').send('not found');
  let body: Buffer | string;
  try {
    body = await readFile(file);
  } catch {
    return reply.status(404).type('text/plain').send('not found');
  }
  if (rewrite && extname(file) === '.css') body = body.toString('utf8').split(rewrite.from).join(rewrite.to);
  return reply.header('cache-control', 'public, max-age=3600').type(type).send(body);
}
