/**
 * A tiny cookie-keeping HTTP client for the journey-site tests: sends the
 * made-up host in the Host header (as a browser with `MAP * 127.0.0.1`
 * would), keeps cookies per host, follows nothing by itself.
 */
import { request } from 'node:http';
import type { Sandbox } from '../../../sandbox/server';

export interface Res {
  status: number;
  location?: string;
  setCookie: string[];
  contentType?: string;
  body: string;
  json<T = unknown>(): T;
}

export class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    readonly sb: Sandbox,
    readonly host: string,
  ) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Res> {
    return this.send('GET', path, undefined, headers);
  }
  post(path: string, form: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}): Promise<Res> {
    const body = (form instanceof URLSearchParams ? form : new URLSearchParams(form)).toString();
    return this.send('POST', path, body, { 'Content-Type': 'application/x-www-form-urlencoded', ...headers });
  }
  /** A multipart/form-data POST, as a browser sends a form that has a file input. */
  postMultipart(path: string, fields: Array<[string, string]>): Promise<Res> {
    const boundary = '----JourneyFormBoundary7MA4YWxkTrZu0gW';
    const body = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${boundary}--\r\n`;
    return this.send('POST', path, body, { 'Content-Type': `multipart/form-data; boundary=${boundary}` });
  }
  sendJson(method: string, path: string, data: unknown, headers: Record<string, string> = {}): Promise<Res> {
    return this.send(method, path, JSON.stringify(data), { 'Content-Type': 'application/json', Accept: 'application/json', ...headers });
  }

  /** GET that follows same-host redirects (up to 5). */
  async follow(path: string): Promise<Res> {
    let r = await this.get(path);
    for (let i = 0; i < 5 && r.status >= 300 && r.status < 400 && r.location; i++) {
      const loc = new URL(r.location, `http://${this.host}${path}`);
      path = loc.pathname + loc.search;
      r = await this.get(path);
    }
    return r;
  }

  send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Res> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.sb.port,
          method,
          path,
          headers: {
            Host: `${this.host}:${this.sb.port}`,
            ...(cookie && { Cookie: cookie }),
            ...(body !== undefined && { 'Content-Length': String(Buffer.byteLength(body)) }),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            const setCookie = res.headers['set-cookie'] ?? [];
            for (const c of setCookie) {
              const [pair, ...attrs] = c.split(';');
              const i = pair!.indexOf('=');
              const name = pair!.slice(0, i).trim();
              const value = pair!.slice(i + 1).trim();
              if (!value || attrs.some((a) => /max-age=0\b/i.test(a.trim()))) this.jar.delete(name);
              else this.jar.set(name, value);
            }
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              setCookie,
              contentType: res.headers['content-type'],
              body: text,
              json: <T,>() => JSON.parse(text) as T,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Control API helpers for the journey sites. */
export async function control<T = unknown>(sb: Sandbox, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sb.origin}/__control/journeys${path}`, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  const data = (await res.json()) as { success: boolean; data: T; message?: string };
  if (!data.success) throw new Error(`control ${method} ${path}: ${res.status} ${data.message}`);
  return data.data;
}

export interface AccountView {
  taskId: string;
  username: string;
  userId: number;
  slug: string;
  needs2fa: boolean;
  editorPath: string;
  publicProfilePath: string;
  saved: { stored: Record<string, string>; posted: Record<string, string>; savedAt: string | null; saveCount: number } | null;
  linksVisibleOnPublic: string[];
  counters: Record<'logins' | 'loginFailures' | 'twofaSubmissions' | 'twofaFailures' | 'saves' | 'rejectedSaves' | 'logouts' | 'dangerPages', number>;
  liveSessions: Array<{ stage: string; remember: boolean }>;
}

export const account = (sb: Sandbox, host: string, username: string) => control<AccountView>(sb, 'GET', `/${host}/accounts/${encodeURIComponent(username)}`);

/** The value of a hidden/text input named `name` in an HTML page. */
export function inputValue(htmlText: string, name: string): string | undefined {
  const re = new RegExp(`<input[^>]*name="${name.replace(/[[\]]/g, '\\$&')}"[^>]*>`, 'i');
  const tag = htmlText.match(re)?.[0];
  return tag?.match(/value="([^"]*)"/)?.[1]?.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/** Every href on a page, entities decoded. */
export function hrefs(htmlText: string): string[] {
  return [...htmlText.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))));
}
