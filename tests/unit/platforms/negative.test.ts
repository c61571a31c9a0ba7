// @vitest-environment node
/** Pages that must not be taken for a platform, and signed-out pages that must not look signed in. */
import { describe, expect, it } from 'vitest';
import { editorUrl, getPlatform, isSignedIn, MIN_CONFIDENCE, platformConfidence, PLATFORMS, recognizePlatform } from '../../../lib/platforms';
import { fixture, signalsOf } from './load';

const page = (body: string, head = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Site</title>${head}</head><body>${body}</body></html>`;

describe('not recognised', () => {
  it('a plain site of its own making', () => {
    const html = page(
      '<header><nav id="menu"><a href="/">Home</a> <a href="/about">About</a> <a href="/account">My account</a></nav></header><main><h1>Welcome</h1><form action="/login" method="post"><input name="email"><input type="password" name="password"></form></main>',
      '<link rel="stylesheet" href="/css/site.css"><script src="/js/app.js"></script>',
    );
    expect(recognizePlatform(signalsOf(html, 'https://plain.example.test/'))).toBeNull();
  });

  it('an article that talks about platforms, quotes their markup and links to their sites', () => {
    const html = page(
      `<article><h1>Moving our blog</h1>
        <p>Powered by WordPress, then Ghost, then Discourse, phpBB and MyBB for the forum.</p>
        <pre><code>&lt;meta name="generator" content="WordPress 6.4.2"&gt;
&lt;div id="wpadminbar"&gt;&lt;/div&gt; &lt;body id="phpbb"&gt; &lt;html id="XF"&gt;</code></pre>
        <p>See <a href="https://wordpress.org/">wordpress.org</a>, <a href="https://other.example.net/wp-login.php">their login</a>,
        <a href="https://forum.other.example.net/viewtopic.php?t=1">a phpBB topic</a> and
        <img src="https://cdn.other.example.net/wp-content/uploads/logo.png" alt=""></p></article>`,
      '<script src="https://cdn.other.example.net/wp-includes/js/jquery/jquery.min.js"></script>',
    );
    expect(recognizePlatform(signalsOf(html, 'https://plain.example.test/post/1'))).toBeNull();
  });

  it('a Spring/Bootstrap app with a #navbar user menu and a _csrf meta is not Gitea', () => {
    const html = page(
      '<nav id="navbar" class="navbar"><div class="dropdown"><div class="menu user-menu"><a href="/profile">Profile</a><a href="/logout">Logout</a></div></div></nav>',
      '<meta name="_csrf" content="abc"><meta name="_csrf_header" content="X-CSRF-TOKEN">',
    );
    const s = signalsOf(html, 'https://spring.example.test/');
    expect(recognizePlatform(s)).toBeNull();
  });

  it('a plain Django site (a csrf token, no allauth) is not django-allauth', () => {
    const html = page('<form method="post" action="/contact/"><input type="hidden" name="csrfmiddlewaretoken" value="x"><textarea name="message"></textarea></form>');
    expect(recognizePlatform(signalsOf(html, 'https://django.example.test/contact/'))).toBeNull();
  });
});

describe('look-alikes inside a recognised platform', () => {
  it('"powered by WordPress" in a Discourse post does not make the page WordPress', () => {
    const html = fixture('discourse').replace(
      '<section id="main"></section>',
      `<section id="main"><div class="cooked"><p>Our old site was powered by WordPress:
        <a href="https://blog.other.example.net/wp-admin/">wp-admin</a>
        <img src="https://blog.other.example.net/wp-content/uploads/a.png"></p>
        <pre><code>&lt;meta name="generator" content="WordPress 6.4"&gt; &lt;div id="wpadminbar"&gt;</code></pre></div></section>`,
    );
    const s = signalsOf(html, 'https://talk.example.test/forum/t/moving/12');
    expect(recognizePlatform(s)?.platform.id).toBe('discourse');
    expect(platformConfidence(getPlatform('wordpress')!, s)).toBe(0);
  });

  it('a WordPress post about phpBB and Discourse stays WordPress', () => {
    const html = fixture('wordpress').replace(
      '<p>Welcome.</p>',
      '<p>We compared phpBB, MyBB and Discourse (generator "Discourse 3.2").</p><pre><code>&lt;body id="phpbb"&gt;</code></pre><a href="https://meta.discourse.org/u/someone">someone</a>',
    );
    const s = signalsOf(html, 'https://blog.example.test/blog/');
    expect(recognizePlatform(s)?.platform.id).toBe('wordpress');
    for (const p of PLATFORMS) if (p.id !== 'wordpress') expect(platformConfidence(p, s), p.id).toBeLessThan(MIN_CONFIDENCE);
  });

  it('a plain WordPress site is not BuddyPress or Ultimate Member (plugins need their own marks)', () => {
    const s = signalsOf(fixture('wordpress'), 'https://blog.example.test/blog/');
    expect(platformConfidence(getPlatform('buddypress')!, s)).toBe(0);
    expect(platformConfidence(getPlatform('ultimate-member')!, s)).toBe(0);
  });
});

describe('signed out', () => {
  it('a phpBB guest page shows no user and no editor URL', () => {
    const html = fixture('phpbb').replace(/<li id="username_logged_in"[\s\S]*?<\/li>\s*<\/ul>\s*<\/div>\s*<\/div>\s*<\/li>/, '<li class="rightside"><a href="./ucp.php?mode=login">Login</a></li>');
    const s = signalsOf(html, 'https://forum.example.test/forum/index.php');
    const p = getPlatform('phpbb')!;
    expect(recognizePlatform(s)?.platform.id).toBe('phpbb');
    expect(isSignedIn(p, s)).toBe(false);
    expect(s.users.phpbb).toBeUndefined();
    // The editor needs no user part on phpBB (ucp.php is the signed-in user's own).
    expect(editorUrl(p, s, 'https://forum.example.test')).toBe('https://forum.example.test/forum/ucp.php?i=ucp_profile&mode=profile_info');
  });

  it('a XenForo guest page (data-logged-in=false, log-in link) is not signed in', () => {
    const html = fixture('xenforo')
      .replace('data-logged-in="true"', 'data-logged-in="false"')
      .replace(/<a href="\/community\/account\/"[\s\S]*?<\/a>/, '<a href="/community/login/" class="p-navgroup-link p-navgroup-link--textual p-navgroup-link--logIn" data-xf-click="overlay"><span class="p-navgroup-linkText">Log in</span></a>');
    const s = signalsOf(html, 'https://xf.example.test/community/');
    const p = getPlatform('xenforo')!;
    expect(recognizePlatform(s)?.platform.id).toBe('xenforo');
    expect(isSignedIn(p, s)).toBe(false);
  });
});
