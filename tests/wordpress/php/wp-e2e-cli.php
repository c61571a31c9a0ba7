<?php
// Command-line side of tests/wordpress/wordpress.ts: install, prepare, read
// back and reset the private test WordPress, through WordPress's own API.
//
//   WP_E2E_DIR=<instance dir> php wp-e2e-cli.php <host> <command>  < args.json
//
// Arguments come as JSON on stdin (they hold the fixture password: never on
// the command line, where `ps` shows it). Prints one JSON document on stdout,
// never a password.

if (PHP_SAPI !== 'cli') {
    exit(1);
}
[$_, $host, $command] = $argv + [null, null, null];
$args = json_decode((string) stream_get_contents(STDIN), true) ?: [];
if (!$host || !$command) {
    fwrite(STDERR, "usage: wp-e2e-cli.php <host> <command> < args.json\n");
    exit(2);
}

// Debian's wp-config.php picks /etc/wordpress/config-<HTTP_HOST>.php.
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = $host;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

if ($command === 'install') {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

function e2e_out($value)
{
    echo json_encode($value, JSON_UNESCAPED_SLASHES), "\n";
    exit(0);
}

function e2e_fail($message)
{
    fwrite(STDERR, $message . "\n");
    exit(1);
}

function e2e_user($login)
{
    $user = get_user_by('login', $login);
    if (!$user) {
        e2e_fail("no such user: $login");
    }
    return $user;
}

// Brings the fixture user back to its known state. wp_set_password() also
// destroys the user's sessions, so callers reset before logging in.
function e2e_reset_user(array $fixture)
{
    $user = e2e_user($fixture['login']);
    $id = $user->ID;
    $result = wp_update_user([
        'ID' => $id,
        'user_email' => $fixture['email'],
        'user_url' => '',
        'first_name' => $fixture['first_name'],
        'last_name' => $fixture['last_name'],
        'nickname' => $fixture['login'],
        'display_name' => $fixture['first_name'] . ' ' . $fixture['last_name'],
        'description' => $fixture['description'],
        'role' => $fixture['role'],
    ]);
    if (is_wp_error($result)) {
        e2e_fail('reset failed: ' . $result->get_error_message());
    }
    foreach (array_keys(wp_get_user_contact_methods($user)) as $key) {
        delete_user_meta($id, $key);
    }
    delete_user_meta($id, '_new_email');
    wp_set_password($fixture['password'], $id);
    clean_user_cache($id);
}

switch ($command) {
    case 'install':
        // WordPress's own installer (Debian ships no wp-cli).
        $admin_password = wp_generate_password(24);
        $result = wp_install('e2e WordPress', 'e2e-admin', 'admin@' . $host, false, '', $admin_password);
        $fixture = $args['user'];
        $id = wp_insert_user([
            'user_login' => $fixture['login'],
            'user_email' => $fixture['email'],
            'user_pass' => $fixture['password'],
            'role' => $fixture['role'],
        ]);
        if (is_wp_error($id)) {
            e2e_fail('creating the fixture user failed: ' . $id->get_error_message());
        }
        e2e_reset_user($fixture);
        // The browser never sees the "welcome"/"update" nags on a fresh site.
        update_option('blog_public', '0');
        e2e_out(['installed' => true, 'userId' => $id]);

    case 'prepare':
        // Every request is redirected to siteurl/home: they must be exactly
        // the made-up host and port the browser uses.
        update_option('siteurl', $args['origin']);
        update_option('home', $args['origin']);
        e2e_reset_user($args['user']);
        e2e_out(['prepared' => true]);

    case 'reset-user':
        e2e_reset_user($args['user']);
        e2e_out(['reset' => true]);

    case 'read-profile':
        $user = e2e_user($args['login']);
        $methods = [];
        foreach (array_keys(wp_get_user_contact_methods($user)) as $key) {
            $methods[$key] = (string) get_user_meta($user->ID, $key, true);
        }
        $pending = get_user_meta($user->ID, '_new_email', true);
        e2e_out([
            'login' => $user->user_login,
            'user_url' => (string) $user->user_url,
            'description' => (string) get_user_meta($user->ID, 'description', true),
            'contactMethods' => $methods,
            'first_name' => (string) get_user_meta($user->ID, 'first_name', true),
            'last_name' => (string) get_user_meta($user->ID, 'last_name', true),
            'nickname' => (string) get_user_meta($user->ID, 'nickname', true),
            'display_name' => (string) $user->display_name,
            'email' => (string) $user->user_email,
            'pendingEmail' => is_array($pending) && isset($pending['newemail']) ? $pending['newemail'] : null,
        ]);

    case 'check-password':
        $user = e2e_user($args['login']);
        e2e_out(['ok' => wp_check_password($args['password'], $user->user_pass, $user->ID)]);

    default:
        e2e_fail("unknown command: $command");
}
