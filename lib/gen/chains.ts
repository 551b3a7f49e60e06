/**
 * Chunk chains: a stateful simulation (a site's days, a distribution
 * centre's days) split in time into consecutive chunks that share a chain key.
 * The engine gives a chain to one worker, in order, so the simulator that
 * stopped at the end of one chunk can go on with the next instead of
 * replaying from the first day. A worker that gets a chunk of a chain cold
 * (a resumed run, another shard) builds a new simulator and replays; the
 * output is the same either way — only the replay is saved, which keeps the
 * cost of a chain of K chunks linear in K rather than quadratic.
 *
 * @module
 */

/** A simulator that has run every day before `next` (day index) and can go on from there. */
export interface Resumable {
  /** The first day index not yet simulated. */
  readonly next: number;
}

/**
 * Keeps up to `max` unfinished simulators per thread between chunks, by key
 * (the run's options and the chain's entity).
 */
export class ChainKeeper<S extends Resumable> {
  private readonly kept = new Map<string, S>();

  /** Keeps at most `max` simulators (the oldest goes first). */
  constructor(private readonly max = 4) {}

  /**
   * The simulator for days [from, to) of the chain `key`: the kept one when it
   * stopped at or before `from`, else `create()`. It is kept again when the
   * chain goes on after `to` (`to < days`, the period's length).
   */
  take(key: string, from: number, to: number, days: number, create: () => S): S {
    let sim = this.kept.get(key);
    this.kept.delete(key);
    if (!sim || sim.next > from) sim = create();
    if (to < days) {
      this.kept.set(key, sim);
      while (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    }
    return sim;
  }
}
