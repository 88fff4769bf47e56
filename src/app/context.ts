// What every use case receives: the store, the authenticated actor and, for a write, its idempotency key.
import type { Store } from "../store/database.ts";
import type { Actor } from "./actor.ts";
import type { IdempotencyRequest } from "./command.ts";

export interface Context {
  readonly store: Store;
  readonly actor: Actor;
  readonly idempotency: IdempotencyRequest | undefined;
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  /** A write answered from its idempotency record. */
  readonly replayed?: boolean;
}

export const ok = <T>(body: T): Answer<T> => ({ status: 200, body });

/** A page of a list: at most `limit` items after the `after` cursor (an id), in id order. */
export interface PageRequest {
  readonly limit?: number | undefined;
  readonly after?: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function pageOf<T>(items: readonly T[], limit: number, idOf: (item: T) => string) {
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  const last = page[page.length - 1];
  return { items: page, next: more && last !== undefined ? idOf(last) : null };
}
