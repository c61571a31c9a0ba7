import WebSocket from 'ws';

/**
 * A minimal WebDriver BiDi client: what the Firefox smoke needs and no more.
 * firefox-esr speaks BiDi itself (`--remote-debugging-port`), so no
 * geckodriver (not installable here) and no Playwright-patched Firefox.
 */
export class Bidi {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; method: string }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { id?: number; type: string; result?: unknown; error?: string; message?: string };
      if (msg.id === undefined) return; // events: not subscribed to any
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.type === 'success') waiter.resolve(msg.result);
      else waiter.reject(new Error(`BiDi ${waiter.method}: ${msg.error ?? 'error'}: ${msg.message ?? ''}`));
    });
    ws.on('close', () => {
      for (const w of this.pending.values()) w.reject(new Error(`BiDi ${w.method}: connection closed`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<Bidi> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const bidi = new Bidi(ws);
    await bidi.send('session.new', { capabilities: {} });
    return bidi;
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A new tab (top-level browsing context). */
  async newTab(): Promise<Tab> {
    const { context } = await this.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    return new Tab(this, context);
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    await this.send('session.end').catch(() => undefined);
    this.ws.close();
  }
}

type RemoteResult =
  | { type: 'success'; result: { type: string; value?: unknown } }
  | { type: 'exception'; exceptionDetails: { text: string } };

/** One tab. Functions passed to `run`/`waitFor` are serialised and run in the page's own realm. */
export class Tab {
  constructor(
    private readonly bidi: Bidi,
    readonly context: string,
  ) {}

  async goto(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  /** Runs `fn(...args)` in the page (args and result go through JSON). */
  async run<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    const declaration = `async function (argsJson) {
      const result = await (${fn.toString()})(...JSON.parse(argsJson));
      return JSON.stringify(result === undefined ? null : result);
    }`;
    const res = await this.bidi.send<RemoteResult>('script.callFunction', {
      functionDeclaration: declaration,
      arguments: [{ type: 'string', value: JSON.stringify(args) }],
      target: { context: this.context },
      awaitPromise: true,
    });
    if (res.type === 'exception') throw new Error(`in page: ${res.exceptionDetails.text}`);
    return JSON.parse(String(res.result.value)) as R;
  }

  /**
   * Waits until `fn(...args)` returns a truthy value in the page, and returns it.
   * Polls from the test side so that a navigation in between (a form submit)
   * only costs one failed poll.
   */
  async waitFor<R, A extends unknown[]>(
    what: string,
    fn: (...args: A) => R | Promise<R>,
    args: A,
    timeoutMs = 20_000,
  ): Promise<Exclude<R, null | undefined | false | '' | 0>> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await this.run(fn, ...args);
        if (value) return value as Exclude<R, null | undefined | false | '' | 0>;
        last = value;
      } catch (e) {
        last = e instanceof Error ? e.message : e;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** The element with this data-testid, once present and enabled; then clicks it. */
  async click(testId: string): Promise<void> {
    await this.waitFor(
      `[data-testid=${testId}] to be clickable`,
      (id: string) => {
        const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
        if (!el || (el as HTMLButtonElement).disabled) return false;
        el.click();
        return true;
      },
      [testId],
    );
  }

  /** Types into a (React-controlled) field the way a person would, as far as the page can tell. */
  async fill(testId: string, value: string): Promise<void> {
    await this.waitFor(
      `[data-testid=${testId}] to fill`,
      (id: string, v: string) => {
        const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"]`);
        if (!el) return false;
        // The prototype's setter, so React's value tracker sees a change.
        const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        el.focus();
        Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        el.blur();
        return el.value === v;
      },
      [testId, value],
    );
  }

  /** The trimmed text of a data-testid element, once it is present. */
  text(testId: string): Promise<string> {
    return this.waitFor(
      `[data-testid=${testId}]`,
      (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() || '',
      [testId],
    );
  }

  async close(): Promise<void> {
    await this.bidi.send('browsingContext.close', { context: this.context }).catch(() => undefined);
  }
}
