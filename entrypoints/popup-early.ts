import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startEarlyState } from './popup/early';

// Loaded by popup.html before React: see entrypoints/popup/early.ts.
export default defineUnlistedScript(() => {
  startEarlyState();
});
