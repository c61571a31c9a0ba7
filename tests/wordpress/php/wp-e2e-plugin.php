<?php
/*
 * Plugin Name: e2e harness (must-use)
 * Description: Installed by tests/wordpress/wordpress.ts into the private test instance only.
 */

// No mail server on loopback: record the mail instead of calling sendmail.
add_filter('pre_wp_mail', function ($short_circuit, $atts) {
    if (defined('WP_E2E_DIR')) {
        $line = json_encode([
            'time' => gmdate('c'),
            'to' => $atts['to'],
            'subject' => $atts['subject'],
        ]);
        @file_put_contents(WP_E2E_DIR . '/log/mail.log', $line . "\n", FILE_APPEND);
    }
    return true;
}, 10, 2);

// The contact methods an SEO plugin (Yoast SEO) adds to every profile, with
// the same keys and labels: each renders as <input type="text" id=key name=key>
// labelled in a <th>. Twitter/X asks for a handle, the others for URLs.
add_filter('user_contactmethods', function ($methods) {
    $methods['facebook'] = 'Facebook profile URL';
    $methods['instagram'] = 'Instagram profile URL';
    $methods['linkedin'] = 'LinkedIn profile URL';
    $methods['myspace'] = 'MySpace profile URL';
    $methods['pinterest'] = 'Pinterest profile URL';
    $methods['soundcloud'] = 'SoundCloud profile URL';
    $methods['tumblr'] = 'Tumblr profile URL';
    $methods['twitter'] = 'X username (without @)';
    $methods['youtube'] = 'YouTube profile URL';
    $methods['wikipedia'] = 'Wikipedia page about you<br/><small>(if one exists)</small>';
    return $methods;
});
