/**
 * Runs the sandbox until interrupted:
 *   npx tsx tests/sandbox/cli.ts [--port 8787] [--key sandbox-key] [--empty] [--journeys]
 */
import { parseArgs } from 'node:util';
import { JOURNEY_HOSTS, journeyTasks, journeySpec } from './journeys';
import { DEFAULT_API_KEY, seedTasks, startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    key: { type: 'string', default: DEFAULT_API_KEY },
    empty: { type: 'boolean', default: false },
    // Adds one account per journey site (tests/sandbox/journeys) to the tasks.
    journeys: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}

const base = values.empty ? [] : seedTasks();
const sb = await startSandbox({ port, apiKey: values.key, tasks: values.journeys ? [...base, ...journeyTasks()] : base });
const hosts = [...new Set(sb.tasks().map((t) => String(t.task.domain)))];
console.log(`Entity API sandbox listening on ${sb.origin}

  API base URL : ${sb.apiBase}
  API key      : ${sb.apiKey}
  Control API  : ${sb.origin}/__control/tasks   (see tests/sandbox/README.md)
  Tasks        : ${sb.tasks().length} (${sb.tasks().filter((t) => t.status === 'connect').length} in connect)

Demo sites (map the names to 127.0.0.1, e.g. chromium --host-resolver-rules="MAP * 127.0.0.1"):
${hosts.filter((h) => !JOURNEY_HOSTS.includes(h)).map((h) => `  ${sb.siteUrl(h, '/login')}`).join('\n')}${
  values.journeys ? `\n\nJourney sites (tests/sandbox/README.md, "Journey sites"):\n${JOURNEY_HOSTS.map((h) => `  ${sb.siteUrl(h, journeySpec(h).loginPath)}`).join('\n')}` : ''
}
  Fixture pages: ${sb.siteUrl('fixtures.test', '/fixtures/<name>.html')}

Ctrl+C to stop.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sb.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
