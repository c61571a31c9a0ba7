import WebSocket from 'ws';

/**
 * A minimal WebDriver BiDi client: what the Firefox suites need and no more.
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

  /** `acceptInsecureCerts`: Firefox takes any TLS certificate (a self-signed one on loopback). */
  static async connect(url: string, opts: { acceptInsecureCerts?: boolean } = {}): Promise<Bidi> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const bidi = new Bidi(ws);
    const capabilities = opts.acceptInsecureCerts ? { alwaysMatch: { acceptInsecureCerts: true } } : {};
    await bidi.send('session.new', { capabilities });
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

  /** Every top-level browsing context (tab) with the URL it has loaded. */
  async tabs(): Promise<{ url: string; tab: Tab }[]> {
    const { contexts } = await this.send<{ contexts: TreeNode[] }>('browsingContext.getTree', { maxDepth: 0 });
    return contexts.map((c) => ({ url: c.url, tab: new Tab(this, c.context) }));
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

type NodeResult = { type: 'success'; result: { type: string; value?: { shadowRoot?: { sharedId?: string } | null } } } | { type: 'exception' };

interface TreeNode {
  context: string;
  url: string;
  children?: TreeNode[] | null;
}

/**
 * One tab (or frame). Functions passed to `run`/`waitFor` are serialised and
 * run in the page's own realm, or, on an `isolated()` view, in a BiDi sandbox:
 * a realm of its own over the same DOM, which page scripts neither see nor
 * can tamper with (their globals and prototype patches stay out).
 */
export class Tab {
  constructor(
    private readonly bidi: Bidi,
    readonly context: string,
    private readonly sandbox?: string,
  ) {}

  private get target(): Record<string, string> {
    return this.sandbox ? { context: this.context, sandbox: this.sandbox } : { context: this.context };
  }

  /** The same tab, its scripts run in an isolated realm. */
  isolated(name = 'ec-test'): Tab {
    return new Tab(this.bidi, this.context, name);
  }

  async goto(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  async reload(): Promise<void> {
    await this.bidi.send('browsingContext.reload', { context: this.context, wait: 'complete' });
  }

  /** The URL this tab has loaded (read from the browser, so it works mid-navigation too). */
  async url(): Promise<string> {
    const { contexts } = await this.bidi.send<{ contexts: TreeNode[] }>('browsingContext.getTree', { root: this.context, maxDepth: 0 });
    return contexts[0]?.url ?? '';
  }

  /** The frames directly inside this document, with the URL each has loaded. */
  async frames(): Promise<{ url: string; frame: Tab }[]> {
    const { contexts } = await this.bidi.send<{ contexts: TreeNode[] }>('browsingContext.getTree', { root: this.context, maxDepth: 1 });
    return (contexts[0]?.children ?? []).map((c) => ({ url: c.url, frame: new Tab(this.bidi, c.context, this.sandbox) }));
  }

  /** Runs `fn(...args)` in the page (args and result go through JSON). */
  async run<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    return this.call<R>(fn.toString(), args);
  }

  /** Like `run`, with the function given as source text (so it can embed other functions' sources). */
  async call<R>(functionSource: string, args: unknown[]): Promise<R> {
    const declaration = `async function (argsJson) {
      const result = await (${functionSource})(...JSON.parse(argsJson));
      return JSON.stringify(result === undefined ? null : result);
    }`;
    const res = await this.bidi.send<RemoteResult>('script.callFunction', {
      functionDeclaration: declaration,
      arguments: [{ type: 'string', value: JSON.stringify(args) }],
      target: this.target,
      awaitPromise: true,
    });
    if (res.type === 'exception') throw new Error(`in page: ${res.exceptionDetails.text}`);
    return JSON.parse(String(res.result.value)) as R;
  }

  /**
   * Runs `functionSource` with `this` bound to the shadow root of the element
   * `hostSelector` finds, open or closed: BiDi serialises an element's shadow
   * root whatever its mode, and hands it back by reference. Null when there is
   * no such element or it has no shadow root.
   */
  async inShadowRoot<R>(hostSelector: string, functionSource: string): Promise<R | null> {
    const found = await this.bidi.send<NodeResult>('script.callFunction', {
      functionDeclaration: 'function (selector) { return document.querySelector(selector); }',
      arguments: [{ type: 'string', value: hostSelector }],
      target: this.target,
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    });
    if (found.type !== 'success' || found.result.type !== 'node') return null;
    const rootId = found.result.value?.shadowRoot?.sharedId;
    if (!rootId) return null;
    const res = await this.bidi.send<RemoteResult>('script.callFunction', {
      functionDeclaration: `function () { return JSON.stringify((${functionSource}).call(this) ?? null); }`,
      this: { sharedId: rootId },
      target: this.target,
      awaitPromise: false,
    });
    if (res.type === 'exception') throw new Error(`in shadow root: ${res.exceptionDetails.text}`);
    return JSON.parse(String(res.result.value)) as R | null;
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
