import { isGoogleSignInHost } from '../domain';
import { hostMatchesTaskDomain } from '../domain/registrable';
import type { ActiveTask } from '../task';

/** The part of runtime.MessageSender the checks look at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Extension pages (popup, options) only. Tests open popup.html as an ordinary
 * tab, so `sender.tab` may be set: the URL decides, not the tab.
 */
export function isExtensionPage(sender: SenderInfo, extensionBase: string, extensionId: string): boolean {
  if (sender.id !== undefined && sender.id !== extensionId) return false;
  return typeof sender.url === 'string' && sender.url.startsWith(extensionBase);
}

/** The page map's guard (lib/background/protocol): extension pages get `true`, everyone else null. */
export function pageGuard(extensionBase: string, extensionId: string) {
  return (sender: SenderInfo): true | null => (isExtensionPage(sender, extensionBase, extensionId) ? true : null);
}

export type ContentScope = 'task' | 'gmail';

/**
 * What a content-script frame may receive: the task's data on the task's
 * domain (label boundary, via lib/domain), the Gmail account on Google's
 * sign-in host, nothing anywhere else. The frame's own URL decides, never the
 * top page's: a look-alike or an embedded frame of another host gets null.
 */
export function contentScope(sender: SenderInfo, active: ActiveTask | null): ContentScope | null {
  if (!active || !sender.tab || typeof sender.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (hostMatchesTaskDomain(url.hostname, active.task.domain)) return 'task';
  if (url.protocol === 'https:' && isGoogleSignInHost(url.hostname)) return 'gmail';
  return null;
}
