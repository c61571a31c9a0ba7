/**
 * Demo tasks for the sandbox. Ids are fixed so tests and docs can name them;
 * `seedTasks()` returns fresh copies every time (the server mutates its own).
 *
 * Two customer requests, four sites each. As on the real server, a task's
 * `entity_connect` is mostly the same request's profiles on the other sites,
 * plus social profiles.
 */
import type { SandboxTask } from './types';

/** Stable ids, handy in tests: `SEED_IDS.social`. */
export const SEED_IDS = {
  social: '3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e01',
  wp: '3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e02',
  forum: '3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e03',
  blog: '3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e04',
  portfolio: '7b1d9e40-2c3a-4f5b-8a6c-1d2e3f4a5b01',
  video: '7b1d9e40-2c3a-4f5b-8a6c-1d2e3f4a5b02',
  dev: '7b1d9e40-2c3a-4f5b-8a6c-1d2e3f4a5b03',
  music: '7b1d9e40-2c3a-4f5b-8a6c-1d2e3f4a5b04',
  register: 'c0ffee00-1111-4222-8333-444455556601',
  completed: 'c0ffee00-1111-4222-8333-444455556602',
} as const;

const REQ_BAKERY = 'f0e1d2c3-b4a5-4789-8abc-def123456701';
const REQ_PLUMBING = 'f0e1d2c3-b4a5-4789-8abc-def123456702';
const REQ_STUDIO = 'f0e1d2c3-b4a5-4789-8abc-def123456703';

/** The demo hosts that the seed uses (all served by the sandbox's demo site). */
export const DEMO_HOSTS = [
  'demo-social.test',
  'demo-wp.test',
  'demo-forum.test',
  'demo-blog.test',
  'demo-portfolio.test',
  'demo-video.test',
  'demo-dev.test',
  'demo-music.test',
] as const;

export function seedTasks(): SandboxTask[] {
  return [
    {
      id: SEED_IDS.social,
      request_id: REQ_BAKERY,
      domain: 'demo-social.test',
      website: 'https://lumenbakery.example',
      email: 'lumenbakery.seo@gmail.com',
      username: 'lumenbakery',
      password: 'Lb#2024!socialQ',
      pass_mail: 'GmailPass!91',
      twofa: 'JBSWY3DPEHPK3PXP',
      app_password: 'abcd efgh ijkl mnop',
      entity_connect: [
        'https://demo-wp.test/author/lumenbakery/',
        'https://demo-forum.test/members/lumenbakery.42/',
        'https://demo-blog.test/u/lumenbakery',
        'https://twitter.com/lumenbakery',
        'https://www.facebook.com/lumenbakery',
        'https://www.linkedin.com/company/lumen-bakery',
        'https://www.youtube.com/@lumenbakery',
        'https://www.instagram.com/lumen.bakery/',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.wp,
      request_id: REQ_BAKERY,
      domain: 'demo-wp.test',
      website: 'https://lumenbakery.example',
      email: 'lumenbakery.seo@gmail.com',
      username: 'lumenbakery',
      password: 'Wp-Lumen-8842',
      pass_mail: 'GmailPass!91',
      // Lowercase with spaces, as some exports show it.
      twofa: 'jbsw y3dp ehpk 3pxp',
      app_password: 'abcd efgh ijkl mnop',
      entity_connect: [
        'https://demo-social.test/lumenbakery',
        'https://demo-forum.test/members/lumenbakery.42/',
        'https://demo-blog.test/u/lumenbakery',
        'https://x.com/lumenbakery',
        'https://www.pinterest.com/lumenbakery/',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.forum,
      request_id: REQ_BAKERY,
      domain: 'demo-forum.test',
      website: 'https://lumenbakery.example',
      email: 'lumenbakery.seo@gmail.com',
      username: 'lumen_bakery',
      password: 'F0rum*Lumen',
      pass_mail: 'GmailPass!91',
      twofa: 'otpauth://totp/DemoForum:lumen_bakery?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=DemoForum&algorithm=SHA1&digits=6&period=30',
      app_password: 'abcd efgh ijkl mnop',
      // Not everything the API sends is safe or unique: the extension must
      // skip the javascript: URL and place the duplicate once.
      entity_connect: [
        'https://demo-social.test/lumenbakery',
        'javascript:alert(document.cookie)',
        'https://demo-wp.test/author/lumenbakery/',
        'https://www.facebook.com/lumenbakery',
        'https://demo-social.test/lumenbakery',
        'https://github.com/lumenbakery',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.blog,
      request_id: REQ_BAKERY,
      domain: 'demo-blog.test',
      website: 'https://lumenbakery.example',
      email: 'lumenbakery.seo@gmail.com',
      username: 'lumenbakery',
      password: 'Blog!Lumen77',
      pass_mail: 'GmailPass!91',
      twofa: '',
      app_password: '',
      entity_connect: [
        'https://demo-social.test/lumenbakery',
        'https://demo-wp.test/author/lumenbakery/',
        'https://www.tiktok.com/@lumenbakery',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.portfolio,
      request_id: REQ_PLUMBING,
      domain: 'demo-portfolio.test',
      website: 'https://northwind-plumbing.example/',
      email: 'northwind.plumb.co@gmail.com',
      username: 'northwindplumbing',
      password: 'Nw!Portfolio-5521',
      pass_mail: 'Northwind#Mail3',
      // 32 base32 characters (20 bytes), lowercase with spaces every 4.
      twofa: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq',
      app_password: 'wxyz abcd efgh ijkl',
      entity_connect: [
        'https://demo-video.test/c/northwindplumbing',
        'https://demo-dev.test/northwindplumbing',
        'https://demo-music.test/artist/northwind-plumbing',
        'https://www.linkedin.com/company/northwind-plumbing-co/',
        'https://www.facebook.com/NorthwindPlumbingCo',
        'https://twitter.com/northwindplumb',
        'https://www.instagram.com/northwindplumbing/',
        'https://www.youtube.com/channel/UCq0EXAMPLEnorthwind01',
        'https://github.com/northwind-plumbing',
        'https://www.behance.net/northwindplumbing',
        'https://medium.com/@northwindplumbing',
        'https://about.me/northwindplumbing',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.video,
      request_id: REQ_PLUMBING,
      domain: 'demo-video.test',
      website: 'https://northwind-plumbing.example/',
      email: 'northwind.plumb.co@gmail.com',
      username: 'NorthwindPlumbing',
      password: 'Vid30-Northwind',
      pass_mail: 'Northwind#Mail3',
      // Base32 with '=' padding.
      twofa: 'NZXXE5DIO5UW4ZBNGJTGCII=',
      app_password: 'wxyz abcd efgh ijkl',
      entity_connect: [
        'https://demo-portfolio.test/northwindplumbing',
        'https://demo-dev.test/northwindplumbing',
        'https://www.youtube.com/@northwindplumbing',
        'https://x.com/northwindplumb',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.dev,
      request_id: REQ_PLUMBING,
      domain: 'demo-dev.test',
      website: 'https://northwind-plumbing.example/',
      email: 'northwind.plumb.co@gmail.com',
      username: 'northwindplumbing',
      password: 'D3v!Northwind',
      pass_mail: 'Northwind#Mail3',
      twofa: '',
      app_password: '',
      entity_connect: [
        'https://demo-portfolio.test/northwindplumbing',
        'https://demo-video.test/c/northwindplumbing',
        'https://www.linkedin.com/company/northwind-plumbing-co/',
        'https://github.com/northwind-plumbing',
      ],
      status: 'connect',
    },
    {
      id: SEED_IDS.music,
      request_id: REQ_PLUMBING,
      domain: 'demo-music.test',
      website: 'https://northwind-plumbing.example/',
      email: 'northwind.plumb.co@gmail.com',
      username: 'northwind.plumbing',
      password: 'Mus1c-Northwind!',
      pass_mail: 'Northwind#Mail3',
      twofa: 'JBSWY3DPEHPK3PXP',
      app_password: '',
      entity_connect: [
        'https://demo-portfolio.test/northwindplumbing',
        'https://soundcloud.com/northwindplumbing',
        'https://www.facebook.com/NorthwindPlumbingCo',
      ],
      status: 'connect',
      // Phase-1 profile fields the API may also send; clients must tolerate them.
      first_name: 'Northwind',
      last_name: 'Plumbing',
      about: 'Family plumbing company since 1998.',
    },
    {
      id: SEED_IDS.register,
      request_id: REQ_STUDIO,
      domain: 'demo-social.test',
      website: 'https://quillstudio.example',
      email: 'quill.studio.web@gmail.com',
      username: 'quillstudio',
      password: 'Qu1ll-Studio',
      pass_mail: 'QuillMail!4',
      twofa: '',
      app_password: '',
      entity_connect: [],
      status: 'register',
    },
    {
      id: SEED_IDS.completed,
      request_id: REQ_STUDIO,
      domain: 'demo-wp.test',
      website: 'https://quillstudio.example',
      email: 'quill.studio.web@gmail.com',
      username: 'quillstudio',
      password: 'Qu1ll-WP',
      pass_mail: 'QuillMail!4',
      twofa: '',
      app_password: '',
      entity_connect: ['https://demo-social.test/quillstudio'],
      status: 'completed',
    },
  ];
}
