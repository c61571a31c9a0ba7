import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { onTaskHost } from './journey';

/**
 * Whether a tab of the task's site is open: it decides the stage's primary
 * action (*Open site* first, *Complete* once the site is open). `null`
 * until the first answer.
 */
export function useSiteTabOpen(domain: string): boolean | null {
  const [open, setOpen] = useState<boolean | null>(null);

  useEffect(() => {
    let alive = true;
    const check = async () => {
      try {
        const tabs = await browser.tabs.query({});
        if (alive) setOpen(tabs.some((tab) => !!tab.url && onTaskHost(tab.url, domain)));
      } catch {
        if (alive) setOpen(false);
      }
    };
    void check();
    const onUpdated = (_id: number, info: { url?: string; status?: string }) => {
      if (info.url !== undefined || info.status === 'complete') void check();
    };
    // Any tab created or closed may change the answer.
    const recheck = () => void check();
    try {
      browser.tabs.onCreated.addListener(recheck);
      browser.tabs.onUpdated.addListener(onUpdated);
      browser.tabs.onRemoved.addListener(recheck);
    } catch {
      // No tab events (a test double): the first answer stands.
    }
    return () => {
      alive = false;
      try {
        browser.tabs.onCreated.removeListener(recheck);
        browser.tabs.onUpdated.removeListener(onUpdated);
        browser.tabs.onRemoved.removeListener(recheck);
      } catch {
        /* see above */
      }
    };
  }, [domain]);

  return open;
}
