import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, saveSettings, settingsItem } from '../../../lib/settings';
import { storage, update, updateTogether, write } from '../../../lib/storage';

const counter = storage.defineItem<number>('local:test-counter', { fallback: 0 });
const log = storage.defineItem<string[]>('local:test-log', { fallback: [] });

beforeEach(() => fakeBrowser.reset());

describe('one write path', () => {
  it('concurrent read-modify-writes of one item lose nothing', async () => {
    await Promise.all(Array.from({ length: 25 }, () => update(counter, async (n) => n + 1)));
    expect(await counter.getValue()).toBe(25);
  });

  it('a failing update leaves the item as it was and does not block the next', async () => {
    await counter.setValue(3);
    await expect(update(counter, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await counter.getValue()).toBe(3);
    expect(await update(counter, (n) => n * 2)).toBe(6);
  });

  it('updateTogether writes several items in one call, under the same lock as update', async () => {
    const racing = update(counter, (n) => n + 1);
    const result = await updateTogether(async () => {
      const n = await counter.getValue();
      return { writes: [write(counter, n + 10), write(log, [`saw ${n}`])], result: n };
    });
    await racing;
    expect(result).toBe(1); // the earlier update finished first
    expect(await counter.getValue()).toBe(11);
    expect(await log.getValue()).toEqual(['saw 1']);
  });

  it('settings saved at the same moment by two pages both land (the popup language, the options key)', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiKey: 'old' });
    await Promise.all([saveSettings({ language: 'en' }), saveSettings({ apiKey: ' new-key ' }), saveSettings({ autoSubmitLogin: true })]);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, apiKey: 'new-key', language: 'en', autoSubmitLogin: true });
  });

  it('an invalid settings change writes nothing and says so', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiKey: 'kept' });
    expect(await saveSettings({ apiBaseUrl: 'http://api.example.com/' })).toBeNull();
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, apiKey: 'kept' });
  });
});
