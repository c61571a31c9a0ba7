import { isGoogleSignInHost } from '../domain';
import { hostMatchesTaskDomain } from '../domain/registrable';
import type { ActiveTask } from '../task';

/** The part of runtime.MessageSender the checks look at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** The tab the frame is in; `url` is its top-level page. */
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/**
 * Extension pages (popup, options) only. Tests open popup.html as an ordinary
 * tab, so `sender.tab` may be set: the URL decides, not the tab.
 */
function isExtensionPage(sender: SenderInfo, extensionBase: string, extensionId: string): boolean {
  if (sender.id !== undefined && sender.id !== extensionId) return false;
  return typeof sender.url === 'string' && sender.url.startsWith(extensionBase);
}

/** The page map's guard (lib/background/protocol): extension pages get `true`, everyone else null. */
export function pageGuard(extensionBase: string, extensionId: string) {
  return (sender: SenderInfo): true | null => (isExtensionPage(sender, extensionBase, extensionId) ? true : null);
}

export type ContentScope = 'task' | 'gmail';

function webUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * What a content-script frame may receive (DESIGN "Security rules"):
 * - the top frame of a tab: the task's data on the task's host (label
 *   boundary and tenant spaces, via lib/domain), the Gmail account on
 *   Google's sign-in host over https, nothing anywhere else;
 * - an embedded frame: the task's data only while the tab's top-level page is
 *   itself on the task's host, the frame is on the task's host too, and it is
 *   served over https (or the top page is the task's own plain-http site).
 *   An unrelated page embedding a hidden `http://login.<task domain>/` frame
 *   gets nothing; Google's sign-in is never served to a frame.
 * The sender's own URLs decide (set by the browser), never what a page says.
 */
export function contentScope(sender: SenderInfo, active: ActiveTask | null): ContentScope | null {
  if (!active || !sender.tab) return null;
  const frame = webUrl(sender.url);
  if (!frame) return null;
  const onTask = (u: URL) => hostMatchesTaskDomain(u.hostname, active.task.domain);
  if ((sender.frameId ?? 0) === 0) {
    if (onTask(frame)) return 'task';
    if (frame.protocol === 'https:' && isGoogleSignInHost(frame.hostname)) return 'gmail';
    return null;
  }
  const top = webUrl(sender.tab.url);
  if (!top || !onTask(top) || !onTask(frame)) return null;
  return frame.protocol === 'https:' || top.protocol === 'http:' ? 'task' : null;
}
