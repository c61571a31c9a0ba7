import { describe, expect, it } from 'vitest';
import { currentTotp, normalizeTotpSecret, tryCurrentTotp, TotpError } from '../../../lib/totp';

// RFC 6238 appendix B seeds, base32-encoded.
const SEED = {
  sha1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  sha256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  sha512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
} as const;

const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('currentTotp: RFC 6238 vectors (8 digits)', () => {
  for (const [t, sha1, sha256, sha512] of VECTORS) {
    it(`T=${t}`, () => {
      const at = t * 1000;
      expect(currentTotp({ secret: SEED.sha1, digits: 8, period: 30, algorithm: 'sha1' }, at).code).toBe(sha1);
      expect(currentTotp({ secret: SEED.sha256, digits: 8, period: 30, algorithm: 'sha256' }, at).code).toBe(sha256);
      expect(currentTotp({ secret: SEED.sha512, digits: 8, period: 30, algorithm: 'sha512' }, at).code).toBe(sha512);
    });
  }

  it('the same vectors through otpauth URIs (digits + algorithm honoured)', () => {
    const uri = (alg: string, s: string) => `otpauth://totp/RFC:test?secret=${s}&digits=8&algorithm=${alg}&issuer=RFC`;
    expect(currentTotp(uri('SHA1', SEED.sha1), 59_000).code).toBe('94287082');
    expect(currentTotp(uri('SHA256', SEED.sha256), 59_000).code).toBe('46119246');
    expect(currentTotp(uri('SHA512', SEED.sha512), 59_000).code).toBe('90693936');
  });

  it('6-digit default is the last 6 digits of the 8-digit code', () => {
    expect(currentTotp(SEED.sha1, 59_000).code).toBe('287082');
    expect(currentTotp(SEED.sha1, 1111111109_000).code).toBe('081804');
  });

  it('remaining counts down the seconds of the window', () => {
    expect(currentTotp(SEED.sha1, 60_000).remaining).toBe(30);
    expect(currentTotp(SEED.sha1, 59_000).remaining).toBe(1);
    expect(currentTotp(SEED.sha1, 75_500).remaining).toBe(15);
  });

  it('period from the URI changes the window', () => {
    const uri = `otpauth://totp/x?secret=${SEED.sha1}&period=60`;
    const a = currentTotp(uri, 60_000);
    const b = currentTotp(uri, 119_000);
    expect(a.code).toBe(b.code);
    expect(a.remaining).toBe(60);
    expect(b.remaining).toBe(1);
    expect(currentTotp(uri, 120_000).code).not.toBe(a.code);
  });
});

describe('normalizeTotpSecret: the forms the API may send', () => {
  const doc = 'JBSWY3DPEHPK3PXP';
  const docCode = currentTotp(doc, 1_700_000_000_000).code;

  it('accepts the documented 10-byte secret', () => {
    expect(normalizeTotpSecret(doc)).toEqual({ ok: true, value: { secret: doc, digits: 6, period: 30, algorithm: 'sha1' } });
  });

  it.each([
    ['lower case', 'jbswy3dpehpk3pxp'],
    ['spaces', 'jbsw y3dp ehpk 3pxp'],
    ['hyphens', 'JBSW-Y3DP-EHPK-3PXP'],
    ['padding', 'JBSWY3DPEHPK3PXP======'],
    ['surrounding whitespace and newline', '  JBSWY3DPEHPK3PXP\n'],
    ['otpauth URI', 'otpauth://totp/ACME:me%40x.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME'],
    ['otpauth URI, lower-case secret with padding', 'otpauth://totp/x?secret=jbswy3dpehpk3pxp%3D%3D&period=30'],
    ['OTPAUTH upper-case scheme', 'OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP'],
  ])('%s gives the same code', (_name, raw) => {
    const r = normalizeTotpSecret(raw);
    expect(r.ok).toBe(true);
    expect(currentTotp(raw, 1_700_000_000_000).code).toBe(docCode);
  });

  it('tolerates non-zero trailing bits (decodes like authenticator apps do)', () => {
    // 17 characters = 85 bits: the last 5 bits are leftovers; a strict decoder rejects 'B' there.
    expect(currentTotp('JBSWY3DPEHPK3PXPB', 1_700_000_000_000).code).toBe(docCode);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['====', 'empty'],
    ['JBSWY3DP!HPK3PXP', 'invalid_base32'],
    ['JBSWY3DP0HPK3PX1', 'invalid_base32'],
    ['JBSWY3DP', 'too_short'],
    ['otpauth://totp/x', 'invalid_uri'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=abc', 'invalid_uri'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=4', 'invalid_uri'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'invalid_uri'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1', 'unsupported'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'unsupported'],
    ['otpauth://foo/x?secret=JBSWY3DPEHPK3PXP', 'invalid_uri'],
    ['otpauth:%%%', 'invalid_uri'],
  ])('rejects %j as %s', (raw, kind) => {
    expect(normalizeTotpSecret(raw)).toEqual({ ok: false, error: kind });
  });

  it('non-strings are rejected, not crashed on', () => {
    expect(normalizeTotpSecret(undefined)).toEqual({ ok: false, error: 'empty' });
    expect(normalizeTotpSecret(12345)).toEqual({ ok: false, error: 'empty' });
  });

  it('currentTotp throws a TotpError with the kind only, never the secret', () => {
    const secret = 'NOT A SECRET 0189!';
    let caught: unknown;
    try {
      currentTotp(secret);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TotpError);
    expect((caught as TotpError).kind).toBe('invalid_base32');
    expect(String(caught)).not.toContain('0189');
    expect(tryCurrentTotp(secret)).toBeNull();
    expect(tryCurrentTotp(undefined)).toBeNull();
    expect(tryCurrentTotp(doc, 1_700_000_000_000)?.code).toBe(docCode);
  });
});
