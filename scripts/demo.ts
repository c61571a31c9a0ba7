/**
 * The demo: the sandbox API + demo sites and Chromium with the built
 * extension pointed at them; without a display, a scripted walkthrough
 * with screenshots. `bash scripts/demo.sh --help` lists the options.
 */
import { describeError, DemoError } from './demo/errors';
import { main } from './demo/main';

// Output piped into `head` and closed: carry on, so the clean-up (browser, temp profile) still runs.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

try {
  process.exit(await main(process.argv.slice(2)));
} catch (e) {
  console.error(`\ndemo: ${describeError(e)}`);
  process.exit(e instanceof DemoError ? e.exitCode : 1);
}
