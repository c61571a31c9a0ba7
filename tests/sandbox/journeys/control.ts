/**
 * Control routes of the journey sites, under /__control/journeys (loopback
 * only, no key, like the rest of /__control): read an account's saved state
 * raw and its login / 2FA / save counters, reset a site or an account, preset
 * a live session (to test "a still-valid session skips the login") or a
 * stored profile.
 */
import { json, type Reply } from '../http';
import type { SandboxState } from '../state';
import { SiteCtx, type Fields, type JourneySite, type JourneyUser } from './kit';
import { JOURNEY_SITES, journeySite } from './registry';
import { COUNTER_NAMES, type Counters } from './store';

const ok = (data: unknown): Reply => json(200, { success: true, data });
const bad = (message: string): Reply => json(400, { success: false, message });
const missing = (message: string): Reply => json(404, { success: false, message });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function ctxFor(state: SandboxState, site: JourneySite): SiteCtx {
  return new SiteCtx(state, site, { method: 'GET', host: site.spec.host, url: new URL(`http://${site.spec.host}/`), headers: {}, body: Buffer.alloc(0) });
}

/** The spec with its functions left out (they are evaluated per account below). */
export function specSummary(site: JourneySite) {
  const s = site.spec;
  return {
    host: s.host,
    platform: s.platform,
    modelledOn: s.modelledOn,
    sources: s.sources,
    language: s.language,
    scheme: s.scheme,
    spa: s.spa,
    homePath: s.homePath,
    loginPath: s.loginPath,
    loginFields: s.loginFields,
    twoFactor: s.twoFactor,
    sessionCookie: s.sessionCookie,
    signedInLoginRedirect: s.signedInLoginRedirect,
    editorReach: s.editorReach,
    editorNeedsTab: s.editorNeedsTab,
    editorTab: s.editorTab ?? null,
    save: { method: s.save.method, encoding: s.save.encoding },
    linkFields: s.linkFields,
    rewritesOnSave: s.rewritesOnSave,
    logout: { method: s.logout.method },
    notes: s.notes,
  };
}

function accountView(ctx: SiteCtx, user: JourneyUser) {
  const s = ctx.spec;
  const saved = ctx.saved(user);
  const stored: Fields = saved?.stored ?? {};
  const counters: Counters = { ...(ctx.store.counters.get(user.taskId) ?? (Object.fromEntries(COUNTER_NAMES.map((k) => [k, 0])) as Counters)) };
  return {
    ...user,
    needs2fa: ctx.needs2fa(user),
    editorPath: s.editorPath(user),
    publicProfilePath: s.publicProfilePath(user),
    savePath: s.save.path(user),
    logoutPath: s.logout.path(user),
    saved: saved ? structuredClone(saved) : null,
    linksVisibleOnPublic: s.linksVisibleOnPublic(stored),
    counters,
    liveSessions: [...ctx.store.sessions.values()].filter((x) => x.taskId === user.taskId).map((x) => ({ stage: x.stage, remember: x.remember })),
  };
}

export function handleJourneyControl(state: SandboxState, method: string, seg: string[], body: unknown): Reply {
  const [hostSeg, sub, name, extra] = seg;
  if (hostSeg === undefined) {
    if (method !== 'GET') return missing('no such control route');
    return ok(JOURNEY_SITES.map((site) => ({ ...specSummary(site), accounts: ctxFor(state, site).users().map((u) => u.username) })));
  }
  const site = journeySite(hostSeg);
  if (!site) return missing('no journey site on this host');
  const ctx = ctxFor(state, site);
  const find = (username: unknown) => (typeof username === 'string' ? ctx.userByName(username) : undefined);

  if (sub === undefined && method === 'GET') {
    return ok({ spec: specSummary(site), accounts: ctx.users().map((u) => accountView(ctx, u)), events: structuredClone(ctx.store.events) });
  }
  if (sub === 'accounts' && name !== undefined) {
    const user = find(name);
    if (!user) return missing('no such account on this host');
    if (extra === undefined && method === 'GET') return ok(accountView(ctx, user));
    if (extra === 'saved' && method === 'PUT') {
      // Preset what the register phase left, without counting a save.
      if (!isObject(body) || !isObject(body.fields)) return bad('body must be {fields: {...}}');
      const fields: Fields = {};
      for (const [k, v] of Object.entries(body.fields)) if (typeof v === 'string') fields[k] = v;
      const prev = ctx.saved(user);
      ctx.store.saved.set(user.taskId, { stored: { ...(prev?.stored ?? {}), ...fields }, posted: prev?.posted ?? {}, savedAt: prev?.savedAt ?? null, saveCount: prev?.saveCount ?? 0 });
      return ok(accountView(ctx, user));
    }
  }
  if (sub === 'reset' && method === 'POST' && name === undefined) {
    if (body !== undefined && !isObject(body)) return bad('body must be {username?}');
    if (isObject(body) && body.username !== undefined) {
      const user = find(body.username);
      if (!user) return missing('no such account on this host');
      ctx.store.resetAccount(user.taskId);
    } else {
      ctx.store.resetAccount();
    }
    return ok({ host: site.spec.host, reset: true });
  }
  if (sub === 'sessions' && method === 'POST' && name === undefined) {
    if (!isObject(body)) return bad('body must be {username, remember?}');
    const user = find(body.username);
    if (!user) return missing('no such account on this host');
    const session = ctx.createSession(user, { next: site.spec.homePath, remember: body.remember !== false, stage: 'in' });
    ctx.event('session-preset', user);
    return ok({ cookie: { name: site.spec.sessionCookie, value: session.sid, path: '/', domain: site.spec.host, httpOnly: true }, setCookie: ctx.cookieHeader(session) });
  }
  return missing('no such control route');
}
