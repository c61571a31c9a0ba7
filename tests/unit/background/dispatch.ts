import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { registerGuarded, type HandlersOf, type SenderGuard, type SenderInfo } from '../../../lib/background';

type Listener = (message: { data: unknown; sender: SenderInfo }) => Promise<unknown>;

/**
 * Wires handlers behind their guard exactly as the background does
 * (`registerGuarded`), on a fake messenger, and returns a way to deliver one
 * message as the browser would: the sender decides, not the caller.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the messaging library's own constraint
export function wire<M extends Record<string, any>, Ctx>(handlers: HandlersOf<M, Ctx>, guard: SenderGuard<Ctx>) {
  const listeners = new Map<keyof M, Listener>();
  const messenger = {
    onMessage: (type: keyof M, fn: Listener) => {
      listeners.set(type, fn);
      return () => listeners.delete(type);
    },
  };
  registerGuarded<M, Ctx>(messenger as never, handlers, guard);
  const send = <K extends keyof M>(type: K, data: GetDataType<M[K]>, sender: SenderInfo): Promise<GetReturnType<M[K]>> => {
    const listener = listeners.get(type);
    if (!listener) throw new Error(`no listener for ${String(type)}`);
    return listener({ data, sender }) as Promise<GetReturnType<M[K]>>;
  };
  return { send, types: () => [...listeners.keys()] };
}
