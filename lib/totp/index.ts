import { createGuardrails, generateSync } from 'otplib';
import type { TotpNow } from '../messaging';

export { offsetFrom, type ClockOffset } from './clock';

/**
 * TOTP for the task's `twofa` secret. The API sends secrets in whatever form
 * the register phase stored: base32 in any case, with spaces, hyphens or `=`
 * padding, or a whole `otpauth://totp/...` URI. Everything is normalised here
 * so the rest of the extension deals with one shape.
 */

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParams {
  /** Canonical base32: upper case, no padding, no separators. */
  secret: string;
  digits: number;
  period: number;
  algorithm: TotpAlgorithm;
}

export type TotpErrorKind =
  | 'empty' // nothing usable was given
  | 'invalid_base32' // characters outside the base32 alphabet
  | 'too_short' // fewer than MIN_SECRET_BYTES bytes: not a real authenticator secret
  | 'invalid_uri' // an otpauth:// URI we cannot read (no secret, bad numbers)
  | 'unsupported'; // an otpauth://hotp URI or an algorithm we do not know

export type TotpNormalizeResult = { ok: true; value: TotpParams } | { ok: false; error: TotpErrorKind };

/** Errors never carry the secret, only the kind. */
export class TotpError extends Error {
  readonly kind: TotpErrorKind;
  constructor(kind: TotpErrorKind) {
    super(`TOTP secret rejected: ${kind}`);
    this.name = 'TotpError';
    this.kind = kind;
  }
}

/** 10 bytes is the documented `JBSWY3DPEHPK3PXP`; otplib's default (16) would reject it. */
const MIN_SECRET_BYTES = 10;
const guardrails = createGuardrails({ MIN_SECRET_BYTES });

const DEFAULTS = { digits: 6, period: 30, algorithm: 'sha1' as TotpAlgorithm };
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function normalizeTotpSecret(raw: unknown): TotpNormalizeResult {
  if (typeof raw !== 'string') return { ok: false, error: 'empty' };
  const text = raw.trim();
  if (!text) return { ok: false, error: 'empty' };
  if (/^otpauth:/i.test(text)) return fromUri(text);
  return fromBase32(text, DEFAULTS);
}

function fromBase32(text: string, params: Omit<TotpParams, 'secret'>): TotpNormalizeResult {
  // Separators people paste: spaces (grouped display), hyphens, dots; `=` is padding.
  const secret = text.replace(/[\s\-.]+/g, '').replace(/=+$/, '').toUpperCase();
  if (!secret) return { ok: false, error: 'empty' };
  if (!/^[A-Z2-7]+$/.test(secret)) return { ok: false, error: 'invalid_base32' };
  if (Math.floor((secret.length * 5) / 8) < MIN_SECRET_BYTES) return { ok: false, error: 'too_short' };
  return { ok: true, value: { secret, ...params } };
}

function fromUri(text: string): TotpNormalizeResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: 'invalid_uri' };
  }
  // `new URL('otpauth://totp/x')` puts the type in the host.
  const type = url.host.toLowerCase();
  if (type === 'hotp') return { ok: false, error: 'unsupported' };
  if (type !== 'totp') return { ok: false, error: 'invalid_uri' };
  const p = url.searchParams;
  const secret = p.get('secret');
  if (!secret) return { ok: false, error: 'invalid_uri' };

  const digits = p.has('digits') ? Number(p.get('digits')) : DEFAULTS.digits;
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) return { ok: false, error: 'invalid_uri' };
  const period = p.has('period') ? Number(p.get('period')) : DEFAULTS.period;
  if (!Number.isInteger(period) || period < 1 || period > 3600) return { ok: false, error: 'invalid_uri' };
  const alg = (p.get('algorithm') ?? 'SHA1').trim().toLowerCase().replace('-', '');
  if (alg !== 'sha1' && alg !== 'sha256' && alg !== 'sha512') return { ok: false, error: 'unsupported' };

  return fromBase32(secret, { digits, period, algorithm: alg });
}

/** Decodes canonical base32, ignoring leftover bits (some generators leave them non-zero). */
function base32ToBytes(secret: string): Uint8Array {
  const out = new Uint8Array(Math.floor((secret.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const ch of secret) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out[i++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

/**
 * The code valid at `now` (ms since epoch) and the whole seconds left in its
 * window. Throws TotpError (kind only, never the secret) for unusable input.
 */
export function currentTotp(secret: string | TotpParams, now: number = Date.now()): TotpNow {
  let params: TotpParams;
  if (typeof secret === 'string') {
    const r = normalizeTotpSecret(secret);
    if (!r.ok) throw new TotpError(r.error);
    params = r.value;
  } else {
    params = secret;
  }
  const epoch = Math.floor(now / 1000);
  const code = generateSync({
    secret: base32ToBytes(params.secret),
    guardrails,
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    epoch,
  });
  return { code, remaining: params.period - (epoch % params.period), period: params.period };
}

/** Like currentTotp, but null for a missing or unusable secret (never throws). */
export function tryCurrentTotp(secret: string | undefined | null, now?: number): TotpNow | null {
  if (!secret) return null;
  try {
    return currentTotp(secret, now);
  } catch {
    return null;
  }
}
