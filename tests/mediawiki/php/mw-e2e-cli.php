<?php
/**
 * The e2e harness's side of MediaWiki (tests/mediawiki/mediawiki.ts), through
 * MediaWiki's own services: seed (the fixture user and its user page),
 * read-page (the latest text of a page, its revision count and last edit),
 * check-password. A maintenance script: MW_CONFIG_FILE names the instance's
 * LocalSettings.php. Arguments are JSON on stdin, never on the command line;
 * prints one JSON line.
 *
 *   MW_CONFIG_FILE=<dir>/LocalSettings.php php mw-e2e-cli.php --command=seed < args.json
 */

use MediaWiki\MediaWikiServices;
use MediaWiki\Revision\SlotRecord;

require_once '/usr/share/mediawiki/maintenance/Maintenance.php';

class MwE2eCli extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addOption( 'command', 'seed | read-page | check-password', true, true );
	}

	public function execute() {
		$args = json_decode( file_get_contents( 'php://stdin' ), true ) ?: [];
		switch ( $this->getOption( 'command' ) ) {
			case 'seed':
				$result = $this->seed( $args );
				break;
			case 'read-page':
				$result = $this->readPage( $args['title'] );
				break;
			case 'check-password':
				$result = [ 'ok' => $this->checkPassword( $args['name'], $args['password'] ) ];
				break;
			default:
				$this->fatalError( 'unknown command' );
		}
		$this->output( json_encode( $result, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) . "\n" );
	}

	private function seed( array $args ): array {
		$services = MediaWikiServices::getInstance();
		$user = $services->getUserFactory()->newFromName( $args['name'] );
		if ( !$user ) {
			$this->fatalError( 'invalid user name' );
		}
		// Through AuthManager, as an account made on the wiki would be.
		$status = $services->getAuthManager()->autoCreateUser( $user, MediaWiki\Auth\AuthManager::AUTOCREATE_SOURCE_MAINT, false );
		if ( !$status->isGood() ) {
			$this->fatalError( $status->getMessage( false, false, 'en' )->text() );
		}
		$status = $user->changeAuthenticationData( [
			'username' => $user->getName(),
			'password' => $args['password'],
			'retype' => $args['password'],
		] );
		if ( !$status->isGood() ) {
			$this->fatalError( $status->getMessage( false, false, 'en' )->text() );
		}
		if ( isset( $args['email'] ) ) {
			$user->setEmail( $args['email'] );
			$user->saveSettings();
		}

		$title = $services->getTitleFactory()->newFromText( $args['pageTitle'] );
		$page = $services->getWikiPageFactory()->newFromTitle( $title );
		$updater = $page->newPageUpdater( $user );
		$updater->setContent( SlotRecord::MAIN, new WikitextContent( $args['pageText'] ) );
		$updater->saveRevision( CommentStoreComment::newUnsavedComment( $args['pageSummary'] ), EDIT_NEW );
		if ( !$updater->wasSuccessful() ) {
			$this->fatalError( 'saving the user page failed: ' . $updater->getStatus()->getMessage( false, false, 'en' )->text() );
		}
		return [ 'ok' => true, 'userId' => $user->getId() ];
	}

	private function readPage( string $titleText ): array {
		$services = MediaWikiServices::getInstance();
		$title = $services->getTitleFactory()->newFromText( $titleText );
		$rev = $services->getRevisionLookup()->getRevisionByTitle( $title );
		if ( !$rev ) {
			return [ 'exists' => false ];
		}
		$db = $services->getDBLoadBalancer()->getConnection( DB_REPLICA );
		$count = $db->selectRowCount( 'revision', '*', [ 'rev_page' => $rev->getPageId() ], __METHOD__ );
		$content = $rev->getContent( SlotRecord::MAIN );
		return [
			'exists' => true,
			'text' => $content instanceof TextContent ? $content->getText() : null,
			'revisions' => $count,
			'lastComment' => $rev->getComment() ? $rev->getComment()->text : '',
			'lastUser' => $rev->getUser() ? $rev->getUser()->getName() : null,
			'lastMinor' => $rev->isMinor(),
		];
	}

	private function checkPassword( string $name, string $password ): bool {
		$services = MediaWikiServices::getInstance();
		$db = $services->getDBLoadBalancer()->getConnection( DB_REPLICA );
		$hash = $db->selectField( 'user', 'user_password', [ 'user_name' => $name ], __METHOD__ );
		if ( !is_string( $hash ) ) {
			return false;
		}
		return $services->getPasswordFactory()->newFromCiphertext( $hash )->verify( $password );
	}
}

$maintClass = MwE2eCli::class;
require_once RUN_MAINTENANCE_IF_MAIN;
