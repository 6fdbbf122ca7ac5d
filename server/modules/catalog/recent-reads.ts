// Reads of course content kept for a second and shared by the requests that follow: the content version anonymous
// lesson readers rest on (lesson-payloads.ts), a quiz with its bank for the starts of a workshop pressing "Start"
// together (quizzes.service.ts). A read still under way is shared too, so 200 requests in the same second make one.
// An import by this process is seen at once (contentEpoch); another process's within RECENT_READ_MS. A failed read is
// not kept: the next request reads again.
import { contentEpoch } from './content-epoch.ts';
import { BoundedMap } from '../../shared/bounded-map.ts';

export const RECENT_READ_MS = 1000;

type Entry<T> = { value: Promise<T>; at: number; epoch: number };

/** Per app: a bounded map (least recently used out first) of values being read or read within the last second. */
export class RecentReads<T> {
  readonly #entries: BoundedMap<string, Entry<T>>;
  constructor(readonly max = 200) {
    this.#entries = new BoundedMap(max);
  }

  /** The value of `key` as `read` gives it, read again when older than RECENT_READ_MS or after an import here. */
  get(key: string, read: () => Promise<T>, now = Date.now()): Promise<T> {
    const kept = this.#entries.get(key);
    if (kept && kept.epoch === contentEpoch() && now - kept.at < RECENT_READ_MS) {
      this.#entries.set(key, kept); // most recently used
      return kept.value;
    }
    const entry = this.#keep(key, read(), now);
    entry.value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.value;
  }

  /** A value just read some other way (with a person's state, say): the next requests follow it. */
  set(key: string, value: T, now = Date.now()) {
    this.#keep(key, Promise.resolve(value), now);
  }

  #keep(key: string, value: Promise<T>, now: number): Entry<T> {
    const entry = { value, at: now, epoch: contentEpoch() };
    this.#entries.set(key, entry);
    return entry;
  }
}
