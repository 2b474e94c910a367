// A queue kept live from the server by ONE loop per session (lib/queue.svelte.ts makes the desk's
// one over list_queue/watch_queue): it reads the queue, then asks to be answered when the queue's
// version moves past the one it holds (the server also answers after a while with the same
// version, and the cases as they stand), and asks again at once. What this desk changes itself is
// shown at once (`upsert`). No imports: tests/queue.test.mjs runs it against a fake server.

export interface QueueAnswer<C> {
  version: number;
  cases: C[];
}

export interface QueueServer<C> {
  /** The queue now. */
  list(token: string): Promise<QueueAnswer<C>>;
  /** The queue once its version is past `after` (or after a while, unchanged). */
  watch(after: number, token: string): Promise<QueueAnswer<C>>;
}

/** A case as far as the queue keeps it. */
export interface Case {
  id: number;
  state: string;
}

const CLOSED = ['completed', 'withdrawn'];

export class LiveQueue<C extends Case> {
  version = $state(-1);
  cases = $state<C[]>([]);
  /** The first answer of this session has come. */
  loaded = $state(false);
  /** The last call failed (the loop tries again, later and later); null once one answers. */
  error = $state<unknown>(null);

  readonly #server: QueueServer<C>;
  readonly #retryMs: (failures: number) => number;
  #generation = 0;
  #token: string | null = null;
  /** A case changed here since the last answer (its change has bumped the server's version). */
  #changedHere = false;

  constructor(server: QueueServer<C>, retryMs: (failures: number) => number = (n) => Math.min(10_000, 1000 * n)) {
    this.#server = server;
    this.#retryMs = retryMs;
  }

  /** A case this desk has just changed (sent, decided, withdrawn, completed): shown at once, before the push brings it. */
  upsert(c: C): void {
    this.#changedHere = true;
    const i = this.cases.findIndex((x) => x.id === c.id);
    const open = !CLOSED.includes(c.state);
    if (i >= 0) {
      if (open) this.cases[i] = c;
      else this.cases.splice(i, 1);
    } else if (open) this.cases.push(c);
  }

  // An answer with the same version still refreshes the cases (how long each has waited, whether
  // it is overdue, as of the answer). An answer older than what is shown (a refresh overtook it),
  // or one of the same version that predates a change made here, is dropped.
  #apply(v: QueueAnswer<C>): void {
    if (this.loaded && (v.version < this.version || (v.version === this.version && this.#changedHere))) return;
    this.#changedHere = false;
    this.version = v.version;
    this.cases = v.cases;
    this.loaded = true;
  }

  /** Reads the queue again now (after the server refused a change: another desk was first). */
  async refresh(): Promise<void> {
    const token = this.#token;
    const mine = this.#generation;
    if (!token) return;
    try {
      const v = await this.#server.list(token);
      if (mine !== this.#generation) return;
      this.#changedHere = false;
      this.#apply(v);
      this.error = null;
    } catch (e) {
      if (mine === this.#generation) this.error = e;
    }
  }

  /**
   * Keeps the queue live for the session `token` until the next call (another session, a lock, a
   * sign-out: null). Whatever answers for an earlier session is dropped. A session that has
   * ended (UNAUTHENTICATED) stops the loop.
   */
  watchFor(token: string | null): void {
    const mine = ++this.#generation;
    this.#token = token;
    this.version = -1;
    this.cases = [];
    this.loaded = false;
    this.error = null;
    this.#changedHere = false;
    if (!token) return;
    void (async () => {
      let failures = 0;
      while (mine === this.#generation) {
        try {
          const v = this.loaded ? await this.#server.watch(this.version, token) : await this.#server.list(token);
          if (mine !== this.#generation) return;
          this.#apply(v);
          this.error = null;
          failures = 0;
        } catch (e) {
          if (mine !== this.#generation) return;
          this.error = e;
          failures++;
          if ((e as { code?: string } | null)?.code === 'UNAUTHENTICATED') return;
          await new Promise((r) => setTimeout(r, this.#retryMs(failures)));
        }
      }
    })();
  }
}
