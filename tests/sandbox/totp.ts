/**
 * Server-side TOTP check for the demo sites' 2FA page. The API sends secrets
 * in several forms (plain base32, lowercase with spaces, '=' padding, an
 * otpauth:// URI); a real site stores the plain secret, so we normalise.
 */
import { createGuardrails, generateSync, verifySync } from 'otplib';

// The documented example secret is 10 bytes; otplib's default floor is 16.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export interface TotpParams {
  secret: string;
  digits: 6 | 7 | 8;
  period: number;
  algorithm: 'sha1' | 'sha256' | 'sha512';
}

export function parseTotpSecret(raw: string): TotpParams | null {
  let text = raw.trim();
  let digits: TotpParams['digits'] = 6;
  let period = 30;
  let algorithm: TotpParams['algorithm'] = 'sha1';
  if (/^otpauth:/i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    text = url.searchParams.get('secret') ?? '';
    const d = Number(url.searchParams.get('digits') ?? 6);
    if (d === 6 || d === 7 || d === 8) digits = d;
    const p = Number(url.searchParams.get('period') ?? 30);
    if (Number.isInteger(p) && p > 0) period = p;
    const a = (url.searchParams.get('algorithm') ?? 'sha1').toLowerCase();
    if (a === 'sha1' || a === 'sha256' || a === 'sha512') algorithm = a;
  }
  const secret = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (!secret || !/^[A-Z2-7]+$/.test(secret)) return null;
  return { secret, digits, period, algorithm };
}

/** The current code, for tests that play the worker. */
export function totpNow(raw: string, epochSec = Math.floor(Date.now() / 1000)): string {
  const p = parseTotpSecret(raw);
  if (!p) throw new Error('not a TOTP secret');
  return generateSync({ ...p, guardrails, epoch: epochSec });
}

/** True when `code` is valid now, allowing one step of clock drift either way. */
export function verifyTotp(raw: string, code: string, epochSec = Math.floor(Date.now() / 1000)): boolean {
  const p = parseTotpSecret(raw);
  const token = code.replace(/\s/g, '');
  if (!p || !new RegExp(`^\\d{${p.digits}}$`).test(token)) return false;
  try {
    return verifySync({ ...p, token, guardrails, epoch: epochSec, epochTolerance: p.period }).valid;
  } catch {
    return false;
  }
}
