/**
 * Fill-time guards for secrets (passwords, one-time codes), DESIGN "Security
 * rules" and the visibility paragraph of "Fill policy". The engine asks
 * `secretBlocked` before it writes a secret (and `submitsOffHost` before it
 * submits), and calls `watchSecret` after it wrote one.
 */
import type { HostRule } from './form';
import { submitsOffHost } from './form';
import { isBurned } from './refill';

export { formOf, submitsOffHost, type HostRule } from './form';
export { watchSecret, isBurned, REFILL_WINDOW_MS } from './refill';

/** No secret into a form that submits off-host, nor into a field the page hid right after an earlier fill. */
export function secretBlocked(el: Element, allowed: HostRule): boolean {
  return isBurned(el) || submitsOffHost(el, allowed);
}
