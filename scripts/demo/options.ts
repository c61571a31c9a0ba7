/** The demo's command line (scripts/demo/text.ts has the usage text). */
import { parseArgs } from 'node:util';
import { isLanguage, type Language } from '../../lib/i18n';
import { DemoError } from './errors';
import { USAGE } from './text';

export interface DemoOptions {
  port: number;
  /** Run the scripted walkthrough and write PNGs here (no window). */
  screenshots?: string;
  lang: Language;
  autoSubmit: boolean;
  build: boolean;
  help: boolean;
}

export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '8787' },
        screenshots: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        'auto-submit': { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new DemoError(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`, 2);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new DemoError(`--port must be a number from 0 to 65535, got "${values.port}".`, 2);
  if (!isLanguage(values.lang)) throw new DemoError(`--lang must be en or vi, got "${values.lang}".`, 2);
  if (values.screenshots !== undefined && !values.screenshots.trim()) throw new DemoError('--screenshots needs a folder, e.g. --screenshots /tmp/demo-shots', 2);
  return {
    port,
    screenshots: values.screenshots,
    lang: values.lang,
    autoSubmit: values['auto-submit'],
    build: !values['no-build'],
    help: values.help,
  };
}
