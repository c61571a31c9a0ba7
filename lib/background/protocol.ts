import type { ExtensionMessenger, GetDataType, GetReturnType } from '@webext-core/messaging';
import type { SenderInfo } from './senders';

/** One handler per message of a map; `ctx` is what the map's sender guard established. */
export type HandlersOf<M, Ctx> = {
  [K in keyof M]: (data: GetDataType<M[K]>, ctx: Ctx) => Promise<GetReturnType<M[K]>>;
};

/** Thrown to a sender that may not use a map; says nothing else. */
export class ForbiddenSenderError extends Error {
  constructor() {
    super('forbidden sender');
    this.name = 'ForbiddenSenderError';
  }
}

/** Decides who may use a map: the handler's context for an allowed sender, null for anyone else. */
export type SenderGuard<Ctx> = (sender: SenderInfo) => Promise<Ctx | null> | Ctx | null;

/** Runs one message's guard and handler (`run`): the place to order a map's messages (./tab-order). */
export type MessageOrder<M> = <R>(type: keyof M, sender: SenderInfo, run: () => Promise<R>) => Promise<R>;

/**
 * Hooks every message of one map to its handler behind the map's guard.
 * Must run synchronously in the background's main(), so the event that woke
 * the worker is not missed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the messaging library's own constraint
export function registerGuarded<M extends Record<string, any>, Ctx>(
  messenger: Pick<ExtensionMessenger<M>, 'onMessage'>,
  handlers: HandlersOf<M, Ctx>,
  guard: SenderGuard<Ctx>,
  order: MessageOrder<M> = (_type, _sender, run) => run(),
): () => void {
  const register = <K extends keyof M>(type: K) =>
    messenger.onMessage(type, (message) =>
      order(type, message.sender, async () => {
        const ctx = await guard(message.sender);
        if (ctx === null) throw new ForbiddenSenderError();
        return handlers[type](message.data, ctx);
      }),
    );
  const removers = (Object.keys(handlers) as (keyof M)[]).map(register);
  return () => removers.forEach((remove) => remove());
}
