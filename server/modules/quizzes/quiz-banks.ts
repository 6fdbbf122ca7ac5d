// A quiz and its bank of questions, read once and reused by the starts that follow for a second. A workshop starts a
// quiz together: 200 participants pressing "Start" in the same second share one read of the bank (every language's
// text of every question: the largest read of a start) instead of making 200. An import by this process is seen at
// once (contentEpoch); another process's import within BANK_TTL_MS, as anonymous lesson readers see it
// (catalog/lesson-payloads.ts). An attempt keeps its own copy of what it drew, so an open attempt never changes.
import { contentEpoch } from '../catalog/content-epoch.ts';

export const BANK_TTL_MS = 1000;

type Entry<T> = { bank: Promise<T>; at: number; epoch: number };

/** Per app: a bounded map (least recently used out first) of banks being read or read within the last second. */
export class QuizBanks<T> {
  readonly #entries = new Map<string, Entry<T>>();
  constructor(readonly max = 200) {}

  /** The bank of `quizId` as `read` gives it, read again when older than BANK_TTL_MS or after an import here. */
  get(quizId: string, read: () => Promise<T>, now = Date.now()): Promise<T> {
    const kept = this.#entries.get(quizId);
    this.#entries.delete(quizId);
    if (kept && kept.epoch === contentEpoch() && now - kept.at < BANK_TTL_MS) {
      this.#entries.set(quizId, kept);
      return kept.bank;
    }
    const entry = { bank: read(), at: now, epoch: contentEpoch() };
    this.#entries.set(quizId, entry);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
    entry.bank.catch(() => {
      if (this.#entries.get(quizId) === entry) this.#entries.delete(quizId); // a failed read is not kept
    });
    return entry.bank;
  }
}
