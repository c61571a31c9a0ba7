/**
 * The demo's tasks carry the sandbox's port in their domain, so the
 * extension's *Open site* reaches the sandbox (https first, then plain http,
 * same port); the e2e seed stays without one.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { siteUrl } from '../../../lib/background/site';
import { normalizeTaskDomain } from '../../../lib/domain/registrable';
import { demoSites, demoTasks } from '../../../scripts/demo/tasks';
import { walkthroughLines } from '../../../scripts/demo/text';
import { JOURNEY_HOSTS, JOURNEY_TASK_IDS } from '../../sandbox/journeys';
import { DEMO_HOSTS, SEED_IDS, seedTasks, startSandbox, type Sandbox } from '../../sandbox/server';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('demo tasks', () => {
  it('every domain is host:port; the plain demo site first, then one per journey site, then the rest of the seed', () => {
    const tasks = demoTasks(8787);
    for (const t of tasks) expect(String(t.domain)).toMatch(/^[a-z0-9.-]+\.test:8787$/);
    expect(tasks[0]!.id).toBe(SEED_IDS.social);
    const journeyIds = Object.values(JOURNEY_TASK_IDS);
    expect(tasks.slice(1, 1 + journeyIds.length).map((t) => t.id)).toEqual(journeyIds);
    expect(new Set(tasks.map((t) => String(t.domain).replace(/:\d+$/, '')))).toEqual(new Set([...DEMO_HOSTS, ...JOURNEY_HOSTS]));
    expect(tasks).toHaveLength(seedTasks().length + journeyIds.length);
  });

  it('leaves the e2e seed as it is (no port in its domains)', () => {
    demoTasks(8787);
    for (const t of seedTasks()) expect(String(t.domain)).not.toContain(':');
  });

  it('the extension takes such a domain as its host and opens it with the port kept', () => {
    expect(normalizeTaskDomain('demo-social.test:8787')).toBe('demo-social.test');
    expect(siteUrl('demo-social.test:8787')).toBe('https://demo-social.test:8787/');
  });

  it('lists each site once, in Get task order, with its own login page', () => {
    const sites = demoSites(demoTasks(8787), 8787);
    expect(sites[0]).toEqual({ host: 'demo-social.test', loginUrl: 'http://demo-social.test:8787/login', kind: 'demo' });
    expect(sites.find((s) => s.host === 'phpbb-forum.test')?.loginUrl).toBe('http://phpbb-forum.test:8787/ucp.php?mode=login');
    expect(new Set(sites.map((s) => s.host)).size).toBe(sites.length);
  });

  it('the sandbox signs in the account of a host:port task on that host', async () => {
    sb = await startSandbox({ tasks: [] });
    sb.reset(demoTasks(sb.port));
    const task = seedTasks().find((t) => t.id === SEED_IDS.blog)!;
    const body = new URLSearchParams({ login: String(task.username), password: String(task.password), next: '/profile/edit' }).toString();
    const res = await new Promise<{ status: number; location: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: sb!.port, path: '/login', method: 'POST', headers: { Host: `demo-blog.test:${sb!.port}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
        (r) => {
          r.resume();
          resolve({ status: r.statusCode ?? 0, location: String(r.headers.location ?? '') });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(res).toEqual({ status: 303, location: '/profile/edit' });
    expect(sb.site('demo-blog.test').events.map((e) => [e.event, e.username])).toContainEqual(['login', task.username]);
  });

  it('the printed walkthrough is five steps with the popup’s own button names', () => {
    for (const lang of ['en', 'vi'] as const) {
      const lines = walkthroughLines(lang, false);
      expect(lines.map((l) => l.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    }
    expect(walkthroughLines('vi', false)[0]).not.toContain('"Get task"');
    expect(walkthroughLines('en', false)[0]).toContain('"Get task"');
    expect(walkthroughLines('en', true)[1]).toContain('submitted by the extension');
  });
});
