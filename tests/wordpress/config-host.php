<?php
// Installed as /etc/wordpress/config-<host>.php by tests/wordpress/setup.sh.
// The e2e WordPress (tests/wordpress/wordpress.ts) passes its private
// instance directory in WP_E2E_DIR (Apache SetEnv, or the environment of the
// PHP CLI); the instance's own settings (DB socket, URLs, constants) live there,
// so several instances (different ports) can run side by side.
$wp_e2e_dir = getenv('WP_E2E_DIR');
if (!$wp_e2e_dir && isset($_SERVER['WP_E2E_DIR'])) {
    $wp_e2e_dir = $_SERVER['WP_E2E_DIR'];
}
if (!$wp_e2e_dir || !is_file($wp_e2e_dir . '/wp-e2e-config.php')) {
    if (!headers_sent()) {
        header('HTTP/1.1 503 Service Unavailable');
    }
    die('No e2e WordPress instance is configured for this host.');
}
require $wp_e2e_dir . '/wp-e2e-config.php';
