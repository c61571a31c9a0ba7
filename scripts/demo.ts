/**
 * The demo: the sandbox API + demo sites and Chromium with the built
 * extension pointed at them; without a display, a scripted walkthrough
 * with screenshots. `bash scripts/demo.sh --help` lists the options.
 */
import { describeError, DemoError } from './demo/errors';
import { main } from './demo/main';

try {
  process.exit(await main(process.argv.slice(2)));
} catch (e) {
  console.error(`\ndemo: ${describeError(e)}`);
  process.exit(e instanceof DemoError ? e.exitCode : 1);
}
