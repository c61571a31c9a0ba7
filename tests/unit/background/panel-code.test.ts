import { describe, expect, it } from 'vitest';
import { contentGuard, createContentHandlers, type ContentContext } from '../../../lib/background';
import { installPanel, PANEL_KEY } from '../../../lib/panel/load';
import { createPanel } from '../../../lib/panel';

const active = { task: { id: 't1', domain: 'example.com' } } as unknown as ContentContext['active'];

describe("the panel's code is run in the asking frame, after the first fill", () => {
  it('getPanelSetup answers only once the panel script ran in that frame', async () => {
    const order: string[] = [];
    let release!: () => void;
    const handlers = createContentHandlers({
      service: {} as never,
      openPopup: async () => undefined,
      loadPanelCode: (frame) => {
        order.push(`load ${frame.tabId}/${frame.frameId}`);
        return new Promise<void>((r) => (release = r));
      },
    });
    const answer = handlers.getPanelSetup(undefined, { scope: 'task', active, frame: { tabId: 3, frameId: 0 } }).then(() => order.push('answered'));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['load 3/0']);
    release();
    await answer;
    expect(order).toEqual(['load 3/0', 'answered']);
  });

  it("the content guard names the sender's tab and frame", async () => {
    const guard = contentGuard({ getActive: async () => active });
    const ctx = await guard({ url: 'https://example.com/login', tab: { id: 7, url: 'https://example.com/login' }, frameId: 0 });
    expect(ctx?.frame).toEqual({ tabId: 7, frameId: 0 });
  });

  it('the panel script leaves createPanel under the key the content script reads', () => {
    installPanel();
    expect(PANEL_KEY).toBe(Symbol.for('entity-connect.panel'));
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('entity-connect.panel')]).toBe(createPanel);
  });
});
