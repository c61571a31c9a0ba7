/**
 * Runs the whole product against the sandbox, no real account needed:
 * the sandbox API with demo tasks, the demo sites, and Chromium with the
 * built extension already pointed at the sandbox. Ctrl+C stops everything.
 *
 *   bash scripts/demo.sh [--port 8787] [--headless]
 */
import { startSandbox } from '../tests/sandbox/server';
import { launchWithExtension } from '../tests/e2e/support/chromium';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? 8787);
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

const sandbox = await startSandbox({ port });
console.log(`Sandbox API   ${sandbox.apiBase}  (key: ${sandbox.apiKey})`);
console.log(`Control API   ${sandbox.origin}/__control/tasks`);

const ext = await launchWithExtension({ headless });
const options = await ext.context.newPage();
await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
await options.getByTestId('api-base-url').fill(sandbox.apiBase);
await options.getByTestId('api-key').fill(sandbox.apiKey);
await options.getByTestId('save-settings').click();
const popup = await ext.context.newPage();
await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);

console.log(`Extension     chrome-extension://${ext.extensionId}/popup.html (configured for the sandbox)`);
if (headless) {
  console.log('No display: Chromium runs headless. Run with a display (DISPLAY set) to click through,');
  console.log('or load .output/chrome-mv3 into your own Chromium and set the API base URL and key above.');
}
console.log('Demo sites    every *.test host maps to the sandbox, e.g. http://demo-social.test:' + port + '/login');
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await ext.close();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
