/**
 * WXT's fake browser leaves `scripting` unimplemented; the background
 * registers its content script at start-up, so give every test an in-memory
 * one (cleared by `fakeBrowser.reset()` like the rest of the fake).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Registered = { id: string; matches?: string[]; js?: string[] };
let registered: Registered[] = [];

const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
scripting.registerContentScripts = async (scripts: Registered[]) => {
  for (const s of scripts) {
    if (registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
  }
  registered.push(...scripts);
};
scripting.unregisterContentScripts = async (filter?: { ids?: string[] }) => {
  registered = filter?.ids ? registered.filter((r) => !filter.ids!.includes(r.id)) : [];
};
scripting.getRegisteredContentScripts = async (filter?: { ids?: string[] }) =>
  registered.filter((r) => !filter?.ids || filter.ids.includes(r.id));
scripting.executeScript = async () => [];

const reset = fakeBrowser.reset.bind(fakeBrowser);
fakeBrowser.reset = () => {
  registered = [];
  reset();
};

// Testing Library's findBy/waitFor give up after 1 s by default: on a loaded
// 2-core CI machine a React render can take longer. Waiting longer changes no
// result, only how long a real failure takes to be reported.
import { configure } from '@testing-library/dom';
configure({ asyncUtilTimeout: 5_000 });
