import type { FillData } from '../../../lib/messaging';

/** A task page's fill data for the lib/page tests; `over` changes what a test is about. */
export const fillData = (over: Partial<FillData> = {}): FillData => ({
  scope: 'task',
  taskId: 't1',
  domain: 'example.com',
  hostReach: 'subdomains',
  username: 'u',
  email: 'e@x.test',
  password: 'p',
  website: 'https://w.test',
  links: [],
  hasOneTimeCode: true,
  autofillMode: 'auto',
  autoSubmitLogin: false,
  appendLinksToBio: true,
  language: 'en',
  ...over,
});
