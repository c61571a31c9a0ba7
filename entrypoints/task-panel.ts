import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installPanel } from '../lib/panel/load';

// The in-page panel, run in the task page's top frame by the background when the page asks for
// the panel's setup, i.e. after the first fill: not parsed before it (lib/panel/load.ts).
export default defineUnlistedScript(() => {
  installPanel();
});
