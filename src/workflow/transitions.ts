// A submission's lifecycle as one table: for each status, the statuses it may go to. Every status change
// of a workflow goes through `assertTransition`, so nothing moves along an edge the table does not list.
import { InvalidTransitionError } from '../errors.js';

export type TransitionTable<S extends string> = { readonly [From in S]: readonly S[] };

export class Lifecycle<S extends string> {
  constructor(readonly entity: string, readonly table: TransitionTable<S>) {}

  allowedFrom(from: S): readonly S[] {
    return this.table[from];
  }

  canGo(from: S, to: S): boolean {
    return this.table[from].includes(to);
  }

  /** Throws InvalidTransitionError naming the current status and the ones allowed from it. */
  assertTransition(from: S, to: S): void {
    if (!this.canGo(from, to)) throw new InvalidTransitionError(from, to, this.entity, this.allowedFrom(from));
  }

  /** Statuses with no way out. */
  get finalStatuses(): S[] {
    return (Object.keys(this.table) as S[]).filter((status) => this.table[status].length === 0);
  }
}
