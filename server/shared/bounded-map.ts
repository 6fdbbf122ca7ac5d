// A Map that keeps at most `max` entries: `set` makes an entry the newest, and the oldest go first past the bound.
// Used by the in-process caches (recent reads, lesson payloads, shared renders, question texts).
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.max) this.delete(this.keys().next().value!);
    return this;
  }
}
