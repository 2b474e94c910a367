// "Latest request wins". A screen that asks the server again before the last answer came (a
// clerk stepping a quantity, ticking an override, scanning twice) wants the answer to its LAST
// question only. Each `run` supersedes every earlier one and `cancel` supersedes them all; a
// superseded request's promise never settles, so the code after `await latest.run(...)` runs for
// the latest request only, and a stale answer (or error) can never overwrite a newer one.
//
//   const evaluations = new Latest();
//   try {
//     evaluation = await evaluations.run(() => evaluateReturn(draft), { delay: 0 });
//   } catch (e) { error = e; }
//   ... {#if evaluations.pending}…{/if}

export class Latest {
  /** The latest request has not answered yet (nor was it cancelled). */
  pending = $state(false);
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Sends `request()` and settles as it does, unless another `run` or a `cancel` comes first.
   * With `delay` (ms), waits that long first, and sends nothing if superseded meanwhile (so one
   * click that changes several fields is one request).
   */
  run<T>(request: () => Promise<T>, opts: { delay?: number } = {}): Promise<T> {
    const my = this.#supersede();
    this.pending = true;
    return new Promise<T>((resolve, reject) => {
      const latest = () => my === this.#seq;
      // the caller's code after `await` runs before `pending` drops, so nothing is ever shown
      // as answered while it still holds the previous answer
      const settle = (fn: () => void) => {
        if (!latest()) return;
        fn();
        queueMicrotask(() => {
          if (latest()) this.pending = false;
        });
      };
      const send = () => {
        if (!latest()) return;
        let answer: Promise<T>;
        try {
          answer = Promise.resolve(request());
        } catch (e) {
          answer = Promise.reject(e);
        }
        answer.then(
          (v) => settle(() => resolve(v)),
          (e) => settle(() => reject(e)),
        );
      };
      if (opts.delay === undefined) send();
      else this.#timer = setTimeout(send, opts.delay);
    });
  }

  /** Drops whatever is on its way: its answer will never be delivered. */
  cancel(): void {
    this.#supersede();
    this.pending = false;
  }

  #supersede(): number {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return ++this.#seq;
  }
}
