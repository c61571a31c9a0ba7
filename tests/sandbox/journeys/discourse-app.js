/*
 * Client of the Discourse-like journey site (served as /assets/discourse-journey.js).
 * Renders every route into #main from the JSON API and navigates with the
 * History API, like Discourse's Ember app: no page load between routes.
 */
(function () {
  'use strict';
  var pre = JSON.parse(document.getElementById('data-preloaded').getAttribute('data-preloaded'));
  var currentUser = pre.currentUser ? JSON.parse(pre.currentUser) : null;
  var userFields = JSON.parse(pre.site).user_fields;
  var main = document.getElementById('main');
  var elementId = 100;

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  }
  function api(method, url, body) {
    return fetch('/session/csrf', { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (c) {
        var opts = { method: method, credentials: 'same-origin', headers: { 'X-CSRF-Token': c.csrf, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' } };
        if (body !== undefined) {
          opts.headers['Content-Type'] = 'application/json';
          opts.body = JSON.stringify(body);
        }
        return fetch(url, opts);
      })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, json: j }; }); });
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, json: j }; });
    });
  }

  function header() {
    var right = currentUser
      ? '<ul class="icons d-header-icons"><li class="header-dropdown-toggle current-user" id="current-user">' +
        '<button class="icon btn-flat" aria-haspopup="true" aria-expanded="false" aria-label="Profile" title="' + esc(currentUser.username) + '" id="toggle-current-user">' +
        '<span class="avatar">' + esc(currentUser.username.charAt(0).toUpperCase()) + '</span></button></li></ul>' +
        '<div class="user-menu revamped menu-panel drop-down hidden" id="user-menu" data-max-width="320"><div class="quick-access-panel"><ul>' +
        '<li class="summary"><a href="/u/' + esc(currentUser.username) + '/summary">Summary</a></li>' +
        '<li class="activity"><a href="/u/' + esc(currentUser.username) + '/activity">Activity</a></li>' +
        '<li class="preferences"><a href="/u/' + esc(currentUser.username) + '/preferences">Preferences</a></li>' +
        '<li class="logout"><button class="btn no-text btn-icon" type="button" id="logout-button"><span class="item-label">Log Out</span></button></li>' +
        '</ul></div></div>'
      : '<span class="header-buttons"><button class="btn btn-primary btn-small sign-up-button" type="button">Sign Up</button> ' +
        '<button class="btn btn-primary btn-small login-button btn-icon-text" type="button" id="header-login">Log In</button></span>';
    return '<div class="d-header-wrap"><header class="d-header clearfix"><div class="wrap"><div class="contents">' +
      '<div class="title"><a href="/" data-auto-route="true"><span id="site-text-logo" class="text-logo">Lumen Bakers Community</span></a></div>' +
      '<div class="panel clearfix" role="navigation">' + right + '</div></div></div></header></div>';
  }

  function latest() {
    return '<div class="list-controls"><ul class="nav nav-pills"><li class="active"><a href="/latest">Latest</a></li><li><a href="/categories">Categories</a></li></ul></div>' +
      '<table class="topic-list"><tbody>' +
      '<tr class="topic-list-item"><td class="main-link"><a class="title raw-link" href="/t/welcome-to-lumen-bakers/1">Welcome to Lumen Bakers Community</a></td></tr>' +
      '<tr class="topic-list-item"><td class="main-link"><a class="title raw-link" href="/t/sourdough-starter-tips/7">Sourdough starter tips</a></td></tr>' +
      '</tbody></table>';
  }

  function loginModal() {
    return '<div class="modal d-modal login-modal" id="login-modal" role="dialog" aria-labelledby="discourse-modal-title"><div class="d-modal__container">' +
      '<div class="d-modal__header"><h3 id="discourse-modal-title">Welcome back!</h3></div>' +
      '<div class="d-modal__body"><div id="modal-alert" class="alert alert-error hidden" role="alert"></div>' +
      '<form id="login-form" method="post">' +
      '<div id="credentials" class="login-form">' +
      '<div class="input-group"><input type="text" id="login-account-name" autocomplete="username" autocorrect="off" autocapitalize="off" class="ember-text-field" autofocus>' +
      '<label class="alt-placeholder" for="login-account-name">Email / Username</label></div>' +
      '<div class="input-group"><input type="password" id="login-account-password" autocomplete="current-password" maxlength="200" class="ember-text-field">' +
      '<label class="alt-placeholder" for="login-account-password">Password</label></div></div>' +
      '<div id="second-factor" class="second-factor hidden"><p class="second-factor-title">Two-Factor Authentication</p>' +
      '<p class="second-factor-description">Please enter the authentication code from your app:</p>' +
      '<div class="input-group second-factor-token-input"><input id="login-second-factor" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="one-time-code" maxlength="6" class="ember-text-field">' +
      '<label class="alt-placeholder" for="login-second-factor">Authentication Code</label></div></div>' +
      '</form></div>' +
      '<div class="d-modal__footer"><button class="btn btn-large btn-primary" id="login-button" type="button">Log In</button> <a href="/latest" id="login-cancel">Cancel</a></div>' +
      '</div></div>';
  }

  function wireLogin() {
    var alertBox = document.getElementById('modal-alert');
    function submit() {
      var body = {
        login: document.getElementById('login-account-name').value,
        password: document.getElementById('login-account-password').value,
        second_factor_method: 1,
      };
      var sf = document.getElementById('second-factor');
      if (!sf.classList.contains('hidden')) body.second_factor_token = document.getElementById('login-second-factor').value;
      api('POST', '/session', body).then(function (res) {
        var j = res.json;
        if (j.user) {
          // Discourse reloads the app once the login lands.
          window.location.href = sessionStorage.getItem('loginDestination') || '/latest';
          sessionStorage.removeItem('loginDestination');
          return;
        }
        if (j.reason === 'invalid_second_factor') {
          document.getElementById('credentials').classList.add('hidden');
          sf.classList.remove('hidden');
          if (body.second_factor_token) {
            alertBox.textContent = j.error;
            alertBox.classList.remove('hidden');
          } else {
            alertBox.classList.add('hidden');
          }
          document.getElementById('login-second-factor').value = '';
          document.getElementById('login-second-factor').focus();
          return;
        }
        alertBox.textContent = j.error || 'Login failed';
        alertBox.classList.remove('hidden');
      });
    }
    document.getElementById('login-button').addEventListener('click', submit);
    document.getElementById('login-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      submit();
    });
    document.getElementById('login-form').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        submit();
      }
    });
  }

  function userHeader(u) {
    var web = u.website ? '<span class="user-profile-website"><a href="' + esc(u.website) + '" rel="noopener noreferrer me ugc" target="_blank">' + esc(u.website_name || u.website) + '</a></span>' : '';
    var loc = u.location ? '<span class="user-profile-location">' + esc(u.location) + '</span>' : '';
    var fields = userFields
      .filter(function (f) { return u.user_fields[String(f.id)]; })
      .map(function (f) {
        var cls = f.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        return '<div class="public-user-field ' + cls + '"><span class="user-field-name">' + esc(f.name) + '</span>: <span class="user-field-value">' + esc(u.user_fields[String(f.id)]) + '</span></div>';
      })
      .join('');
    var nav = '<ul class="user-nav nav-pills"><li class="summary"><a href="/u/' + esc(u.username) + '/summary">Summary</a></li><li class="user-activity"><a href="/u/' + esc(u.username) + '/activity">Activity</a></li>' +
      (u.can_edit ? '<li class="user-preferences"><a href="/u/' + esc(u.username) + '/preferences">Preferences</a></li>' : '') + '</ul>';
    return '<div class="user-main"><section class="user-primary-navigation">' + nav + '</section>' +
      '<section class="about collapsed-info"><div class="details"><div class="primary"><div class="primary-textual">' +
      '<div class="user-profile-names"><h1 class="username">' + esc(u.username) + '</h1><h2 class="full-name">' + esc(u.name) + '</h2></div>' +
      '<div class="location-and-website">' + loc + web + '</div>' +
      '<div class="bio">' + u.bio_cooked + '</div>' +
      '<div class="public-user-fields">' + fields + '</div>' +
      '</div></div></div></section></div>';
  }

  function prefsNav(u, active) {
    var items = [['account', 'Account'], ['security', 'Security'], ['profile', 'Profile'], ['emails', 'Emails'], ['notifications', 'Notifications'], ['interface', 'Interface']];
    return '<ul class="preferences-nav nav-stacked action-list">' + items.map(function (it) {
      return '<li class="nav-' + it[0] + (it[0] === active ? ' active' : '') + '"><a href="/u/' + esc(u.username) + '/preferences/' + it[0] + '">' + it[1] + '</a></li>';
    }).join('') + '</ul>';
  }

  function profilePrefs(u) {
    var fields = userFields.map(function (f) {
      var id = 'user-ember' + elementId++;
      return '<div class="control-group user-field text" data-user-field-id="' + f.id + '"><label class="control-label" for="' + id + '">' + esc(f.name) + '</label>' +
        '<div class="controls"><input id="' + id + '" type="text" class="ember-text-field" maxlength="2048" data-field-id="' + f.id + '" value="' + esc(u.user_fields[String(f.id)]) + '">' +
        '<div class="instructions">' + esc(f.description) + '</div></div></div>';
    }).join('');
    return '<div class="control-group pref-bio"><label class="control-label">About Me</label><div class="controls bio-composer input-xxlarge">' +
      '<div class="d-editor"><div class="d-editor-container"><textarea class="d-editor-input" aria-label="About Me" placeholder="Type here. Use Markdown, BBCode, or HTML to format.">' + esc(u.bio_raw) + '</textarea></div></div></div></div>' +
      '<div class="control-group pref-location"><label class="control-label">Location</label><div class="controls"><input type="text" class="input-xxlarge" id="edit-location" value="' + esc(u.location) + '"></div></div>' +
      '<div class="control-group pref-website"><label class="control-label">Web Site</label><div class="controls"><input type="text" class="input-xxlarge" value="' + esc(u.website) + '"></div></div>' +
      fields +
      '<div class="clearfix"></div>' +
      '<div class="control-group save-button"><div class="controls"><button class="btn btn-primary save-changes" type="button" id="save-profile">Save Changes</button>' +
      '<span class="saved hidden" id="saved-indicator">Saved!</span></div></div>';
  }

  function wireProfilePrefs(u) {
    document.getElementById('save-profile').addEventListener('click', function () {
      var body = {
        bio_raw: document.querySelector('.pref-bio textarea').value,
        location: document.getElementById('edit-location').value,
        website: document.querySelector('.pref-website input').value,
        user_fields: {},
      };
      document.querySelectorAll('.user-field input[data-field-id]').forEach(function (i) { body.user_fields[i.getAttribute('data-field-id')] = i.value; });
      var saved = document.getElementById('saved-indicator');
      saved.classList.add('hidden');
      api('PUT', '/u/' + encodeURIComponent(u.username) + '.json', body).then(function (res) {
        var alertBox = document.getElementById('prefs-alert');
        if (res.status === 200) {
          alertBox.classList.add('hidden');
          saved.classList.remove('hidden');
        } else {
          alertBox.textContent = (res.json.errors || ['Error']).join(', ');
          alertBox.classList.remove('hidden');
        }
      });
    });
  }

  function render() {
    var path = location.pathname.replace(/\/+$/, '') || '/';
    var m;
    document.body.className = '';
    var html;
    var after = null;
    if (path === '/' || path === '/latest' || path === '/categories') {
      html = latest();
      document.body.className = 'navigation-topics';
    } else if (path === '/login') {
      if (currentUser) return go('/latest', true);
      html = latest() + loginModal();
      after = wireLogin;
    } else if ((m = path.match(/^\/u\/([^/]+)$/))) {
      return go('/u/' + m[1] + '/summary', true);
    } else if ((m = path.match(/^\/u\/([^/]+)\/preferences$/))) {
      return go('/u/' + m[1] + '/preferences/account', true);
    } else if ((m = path.match(/^\/u\/([^/]+)\/(summary|activity|preferences\/([a-z-]+))$/))) {
      var name = decodeURIComponent(m[1]);
      var pref = m[3];
      if (pref && !currentUser) {
        sessionStorage.setItem('loginDestination', path);
        return go('/login', true);
      }
      main.innerHTML = header() + '<div id="main-outlet" class="wrap" role="main"><div class="spinner"></div></div>';
      wireHeader();
      getJson('/u/' + encodeURIComponent(name) + '.json').then(function (res) {
        var outlet = document.getElementById('main-outlet');
        if (res.status !== 200) {
          outlet.innerHTML = '<div class="page-not-found"><h1 class="title">Oops! That page doesn’t exist or is private.</h1></div>';
          return;
        }
        var u = res.json.user;
        if (pref) {
          document.body.className = 'user-preferences-page user-preferences-' + pref + '-page';
          if (!u.can_edit) {
            outlet.innerHTML = '<div class="alert alert-error">You are not permitted to view the requested resource.</div>';
            return;
          }
          var inner = pref === 'profile' ? profilePrefs(u) : '<div class="control-group pref-username"><label class="control-label">Username</label><div class="controls"><span class="static">' + esc(u.username) + '</span></div></div>';
          outlet.innerHTML = userHeader(u) + '<section class="user-content user-preferences" id="user-content">' + prefsNav(u, pref) +
            '<div class="form-vertical"><div id="prefs-alert" class="alert alert-error hidden" role="alert"></div>' + inner + '</div></section>';
          if (pref === 'profile') wireProfilePrefs(u);
        } else {
          document.body.className = 'user-summary-page';
          outlet.innerHTML = userHeader(u) + '<section class="user-content" id="user-content"><div class="top-section"><h3 class="stats-title">Stats</h3><ul class="stats-section"><li>0 days visited</li></ul></div></section>';
        }
      });
      return;
    } else {
      html = '<div class="page-not-found"><h1 class="title">Oops! That page doesn’t exist or is private.</h1></div>';
    }
    main.innerHTML = header() + '<div id="main-outlet" class="wrap" role="main">' + html + '</div>';
    wireHeader();
    if (after) after();
  }

  function wireHeader() {
    var t = document.getElementById('toggle-current-user');
    if (t) {
      t.addEventListener('click', function (ev) {
        ev.stopPropagation();
        var menu = document.getElementById('user-menu');
        var open = menu.classList.toggle('hidden') === false;
        t.setAttribute('aria-expanded', String(open));
      });
    }
    var login = document.getElementById('header-login');
    if (login) login.addEventListener('click', function () { go('/login'); });
    var out = document.getElementById('logout-button');
    if (out) {
      out.addEventListener('click', function () {
        api('DELETE', '/session/' + encodeURIComponent(currentUser.username)).then(function () { window.location.href = '/'; });
      });
    }
  }

  function go(path, replace) {
    if (replace) history.replaceState({}, '', path);
    else history.pushState({}, '', path);
    render();
  }

  document.addEventListener('click', function (ev) {
    var menu = document.getElementById('user-menu');
    if (menu && !menu.classList.contains('hidden') && !ev.target.closest('#user-menu') && !ev.target.closest('#current-user')) menu.classList.add('hidden');
    var a = ev.target.closest('a[href]');
    if (!a || a.target === '_blank' || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey) return;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf('/t/') === 0) return;
    ev.preventDefault();
    go(url.pathname + url.search);
  });
  window.addEventListener('popstate', render);
  render();
})();
