/** What the demo prints, and its start page: the walkthrough, the sandbox's URLs and key. */
import { catalogues, type Language, type MessageKey } from '../../lib/i18n';
import { escapeHtml } from '../../tests/sandbox/http';
import type { Sandbox } from '../../tests/sandbox/server';
import type { DemoSite } from './tasks';

export const USAGE = `Usage: bash scripts/demo.sh [options]

  --port N            the sandbox's port (default 8787; 0 = any free port)
  --screenshots DIR   no window: click through one task in headless Chromium
                      and write numbered PNGs of each step to DIR
  --lang en|vi        the extension's language (default en)
  --auto-submit       the extension also submits the login and 2FA forms
  --no-build          use the extension already in .output/chrome-mv3
  -h, --help          this text

With a display (DISPLAY set) a Chromium window opens, the extension in its
toolbar, pointed at the sandbox. Without one the walkthrough runs as with
--screenshots .output/demo-walkthrough. Ctrl+C stops everything.`;

/** The five steps of one task, with the button names the worker will see. */
export function walkthroughLines(lang: Language, autoSubmit: boolean): string[] {
  const b = (key: MessageKey) => `"${catalogues[lang][key]}"`;
  return [
    `1. Click the Entity Connect icon (pinned in the toolbar), then ${b('popup.pullTask')}: the task's site opens in a new tab.`,
    autoSubmit
      ? '2. The login (and the 2FA code) are filled and submitted by the extension.'
      : '2. The login form is filled: click "Sign in". The 2FA code is filled: click "Verify".',
    '3. The profile editor has the entity links in their fields: check them, click the site\'s "Save profile".',
    `4. Click the icon again, then ${b('complete.submit')}: the report goes to the sandbox API.`,
    `5. ${b('popup.pullTask')} again for the next site: the journey sites (phpBB, Discourse, Mastodon, …) follow.`,
  ];
}

export function banner(sb: Sandbox, sites: readonly DemoSite[], lang: Language, autoSubmit: boolean): string {
  return [
    'Entity Connect demo',
    '',
    `  API base URL   ${sb.apiBase}`,
    `  API key        ${sb.apiKey}`,
    `  Tasks, reports ${sb.origin}/__control/tasks  (what the API received)`,
    '',
    'Walkthrough:',
    ...walkthroughLines(lang, autoSubmit).map((l) => `  ${l}`),
    '',
    `Sites, in "Get task" order (every *.test host is the sandbox on 127.0.0.1:${sb.port}):`,
    ...sites.map((s) => `  ${s.loginUrl}`),
    '',
  ].join('\n');
}

/** The window's first tab: the same walkthrough, so nothing is needed from the terminal. */
export function startPage(sb: Sandbox, sites: readonly DemoSite[], lang: Language, autoSubmit: boolean): string {
  const li = (s: string) => `<li>${escapeHtml(s)}</li>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Entity Connect demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 760px; margin: 32px auto; padding: 0 20px; color: #1d2330; }
  h1 { font-size: 24px; } ol li { margin: 6px 0; } code { background: #eef0f4; padding: 1px 5px; border-radius: 3px; }
  .box { background: #f5f6f8; border-radius: 8px; padding: 12px 18px; margin: 18px 0; }
  .sites { columns: 2; font-size: 14px; }
</style></head>
<body>
<h1>Entity Connect demo</h1>
<p>The extension is installed and set up for the sandbox API. Its icon is pinned at the top right of this window.</p>
<ol>${walkthroughLines(lang, autoSubmit)
    .map((l) => l.replace(/^\d\.\s*/, ''))
    .map(li)
    .join('')}</ol>
<div class="box">
<p>API base URL <code>${escapeHtml(sb.apiBase)}</code> · key <code>${escapeHtml(sb.apiKey)}</code><br>
What the API received: <a href="${escapeHtml(sb.origin)}/__control/tasks">${escapeHtml(sb.origin)}/__control/tasks</a></p>
</div>
<p>The sites (all served by the sandbox), in the order <em>Get task</em> hands them out:</p>
<ul class="sites">${sites.map((s) => `<li><a href="${escapeHtml(s.loginUrl)}">${escapeHtml(s.host)}</a></li>`).join('')}</ul>
<p>Close this window, or press Ctrl+C in the terminal, to stop the demo.</p>
</body></html>`;
}
