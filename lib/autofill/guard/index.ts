/**
 * Fill-time guards for secrets (passwords, one-time codes): the engine asks
 * them before it writes a secret and before it submits (DESIGN "Security rules").
 */
export { formOf, submitsOffHost, type HostRule } from './form';
