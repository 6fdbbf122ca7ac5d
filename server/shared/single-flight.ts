// Work under way, by key, that requests arriving meanwhile wait for instead of doing again: a room of 120 opening a
// lesson nobody has read yet builds its body once (lesson-payloads.ts), renders a page once (shared-render-cache.ts,
// web/src/lib/server/signed-in-render.ts), and makes a tutorial's sound file with one ffmpeg (offline.service.ts).
// Only while it runs: what is kept afterwards, and for how long, is each caller's own business.

export class SingleFlight<K, V> {
  readonly #underWay = new Map<K, Promise<V>>();

  /** The result of `start`, or of the same work already under way for `key`. */
  run(key: K, start: () => Promise<V>): Promise<V> {
    let running = this.#underWay.get(key);
    if (!running) {
      running = start().finally(() => {
        if (this.#underWay.get(key) === running) this.#underWay.delete(key);
      });
      this.#underWay.set(key, running);
    }
    return running;
  }

  /** What the work under way for `key` will give, or undefined when none is under way. */
  underWay(key: K): Promise<V> | undefined {
    return this.#underWay.get(key);
  }

  /**
   * For work that is not one function (a render answered before it is kept): marks `key` under way and returns how
   * to settle it, or undefined when someone else leads it. Settle it in a `finally`: those waiting wait until then.
   */
  lead(key: K): ((value: V) => void) | undefined {
    if (this.#underWay.has(key)) return undefined;
    let settle!: (value: V) => void;
    const running = new Promise<V>((resolve) => (settle = resolve));
    this.#underWay.set(key, running);
    return (value) => {
      if (this.#underWay.get(key) === running) this.#underWay.delete(key);
      settle(value);
    };
  }
}
