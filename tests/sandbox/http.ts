/** Small helpers over node:http shared by the API, control and site handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A reply computed before it is written, so faults can delay or drop it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless `text` is given. */
  json?: unknown;
  text?: string;
  contentType?: string;
}

export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw new BodyTooLarge('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `undefined`, a bad one throws SyntaxError. */
export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  return text ? JSON.parse(text) : undefined;
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const isText = reply.text !== undefined;
  // 204/304 carry no body by definition.
  const payload = reply.status === 204 || reply.status === 304 ? '' : isText ? reply.text! : JSON.stringify(reply.json ?? null);
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end(payload);
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  json: body,
  headers,
});

export const html = (status: number, text: string, headers?: Record<string, string>): Reply => ({
  status,
  text,
  contentType: 'text/html; charset=utf-8',
  headers,
});

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  return addr === '::1' || /^(::ffff:)?127\./.test(addr);
}

/** The host name of a Host header, lowercased, without port or trailing dot. */
export function hostName(hostHeader: string | undefined): string {
  const h = (hostHeader ?? '').trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

export const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '']);

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[k] = part.slice(i + 1).trim();
    }
  }
  return out;
}
