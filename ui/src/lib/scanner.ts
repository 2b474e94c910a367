// A barcode scanner is a keyboard that types fast: its characters arrive a few milliseconds apart
// and end in Enter. The return screen takes a scan from wherever the focus is; this tells, key by
// key, a scanner's burst from a person typing, so that the burst does not end up in the field that
// happens to have the focus and nothing a person types is lost.
//
// A run is the characters typed with no pause of SCAN_STALL_MS between them. The first ones of a
// run cannot be told from a person's: they go through (the caller remembers the field as it was
// when the run began and puts it back if the run turns out to be a scan). Once two characters
// arrive within SCAN_GAP_MS of each other, the following ones are held back. A scanner (or the
// machine it is plugged into) may stall now and then, so up to SCAN_SLOW_GAPS slower gaps are let
// pass inside a run. Enter within SCAN_ENTER_MS of the last character, after SCAN_MIN_CHARS or more
// at a scanner's pace on average, makes the run a scan. Anything else (a pause, another key, a
// person's pace) gives the held characters back, to be typed where they were meant before the key
// that came after them.

/** Most a scanner leaves between two characters, on average (a person's keys are ~100 ms and more apart). */
export const SCAN_GAP_MS = 30;
/** A pause this long ends a run. */
export const SCAN_STALL_MS = 120;
/** Gaps of SCAN_GAP_MS or more a scan may have (a busy machine delays a key now and then). */
export const SCAN_SLOW_GAPS = 2;
/** Most a scanner leaves between its last character and its Enter. */
export const SCAN_ENTER_MS = 150;
/** The shortest code taken as a scan (receipt numbers and barcodes are much longer). */
export const SCAN_MIN_CHARS = 4;

export type KeyVerdict =
  /** the key goes where it was typed, after `typed` (characters held back, a person's after all);
      `first`: it begins a run, remember the field as it is now */
  | { kind: 'type'; typed: string; first: boolean }
  /** a scanner's character: keep it out of the focused field */
  | { kind: 'hold' }
  /** Enter ending a scanner's burst: the code scanned (put the field back as it was) */
  | { kind: 'scan'; code: string };

const MODIFIERS = new Set(['Shift', 'CapsLock', 'AltGraph']);

export class ScanBurst {
  #chars = '';
  #held = '';
  #start = 0;
  #last = -Infinity;
  #slow = 0;

  /** A key pressed at `at` (ms). `key` is KeyboardEvent.key; pass '' for a key with Ctrl/Alt/Meta. */
  key(key: string, at: number): KeyVerdict {
    const gap = at - this.#last;
    if (key.length === 1) {
      if (!this.#chars || gap >= SCAN_STALL_MS) {
        const typed = this.#end();
        this.#chars = key;
        this.#start = this.#last = at;
        return { kind: 'type', typed, first: true };
      }
      const slow = gap >= SCAN_GAP_MS;
      this.#chars += key;
      this.#last = at;
      if (slow) this.#slow++;
      const bursting = this.#held ? this.#slow <= SCAN_SLOW_GAPS : !slow;
      if (bursting) {
        this.#held += key;
        return { kind: 'hold' };
      }
      // a person's pace: what was held goes back, this one is typed after it
      const typed = this.#held;
      this.#held = '';
      return { kind: 'type', typed, first: false };
    }
    if (MODIFIERS.has(key)) return { kind: 'type', typed: '', first: false };
    const n = this.#chars.length;
    if (key === 'Enter' && this.#held && n >= SCAN_MIN_CHARS && gap < SCAN_ENTER_MS && (this.#last - this.#start) / (n - 1) < SCAN_GAP_MS) {
      const code = this.#chars;
      this.#reset();
      return { kind: 'scan', code };
    }
    return { kind: 'type', typed: this.#end(), first: false };
  }

  /** Time has passed (`at` ms) without a key: once a scanner would have sent its Enter, the held characters are a person's. */
  pause(at: number): string {
    return at - this.#last >= SCAN_ENTER_MS ? this.#end() : '';
  }

  /** Forget the run (the focus is in the scan field itself, where a scan belongs anyway); gives back what was held. */
  reset(): string {
    return this.#end();
  }

  get holding(): boolean {
    return this.#held !== '';
  }

  #end(): string {
    const typed = this.#held;
    this.#reset();
    return typed;
  }

  #reset() {
    this.#chars = '';
    this.#held = '';
    this.#slow = 0;
    this.#last = -Infinity;
  }
}
