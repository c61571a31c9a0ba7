import { defineConfig } from 'wxt';

// Firefox is built as MV2 on purpose (see README "Firefox"): host access is
// granted at install and cannot be silently revoked per site, and the
// background page is long-lived, which suits an all-day work tool.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // The sources zip Firefox's reviewers get (`npm run zip`): what builds the
  // extension, nothing local. Dot files (.env*, .git, .wxt) are already left out;
  // listed again in case dotSources is ever turned on.
  zip: {
    excludeSources: ['**/.env*', '_*', 'tests/**', 'test-results/**', 'playwright-report/**', '**/*.log', '**/*.pem', '**/*.key', '**/*.zip', '**/*.xpi', '**/*.crx'],
  },
  manifest: ({ browser }) => ({
    // Names and shortcut descriptions follow the browser's language (public/_locales: en, vi).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // clipboardRead: a copied secret is cleared 60 s later only if the clipboard still holds it;
    // offscreen (Chromium): the service worker reaches the clipboard through an offscreen document.
    permissions: ['storage', 'alarms', 'scripting', 'tabs', 'clipboardWrite', 'clipboardRead', 'privacy', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['<all_urls>'],
    // Strict CSP for extension pages (WXT writes it as the MV2 string for Firefox): only our own
    // bundled scripts, no plugins, no <base> or form hijacking, not frameable. connect-src stays
    // open to http(s) because the API base URL is the worker's setting (plain-http sandboxes too).
    content_security_policy: {
      extension_pages:
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'; img-src 'self' data:; style-src 'self'; connect-src 'self' https: http:",
    },
    // Shortcuts Chromium really binds (checked with chrome.commands.getAll() in tests/e2e/cockpit-shell.spec.ts;
    // it never binds Alt+Shift+C). At most four suggested keys per extension.
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        description: '__MSG_cmdOpenPopup__',
        suggested_key: { default: 'Alt+Shift+E' },
      },
      'open-task-site': { description: '__MSG_cmdOpenSite__', suggested_key: { default: 'Alt+Shift+O' } },
      'fill-now': { description: '__MSG_cmdFillNow__', suggested_key: { default: 'Alt+Shift+F' } },
      'complete-task': { description: '__MSG_cmdComplete__', suggested_key: { default: 'Alt+Shift+K' } },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'entity-connect@likepion.com',
          // 140 (ESR) is the first desktop release that reads data_collection_permissions
          // (Android: 142); web-ext lint warns on anything lower.
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
