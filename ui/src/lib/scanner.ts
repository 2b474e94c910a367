// A barcode scanner is a keyboard that types fast: its characters arrive a few milliseconds apart
// and end in Enter. The return screen takes a scan from wherever the focus is; this tells, key by
// key, a scanner's burst from a person typing, so that the burst does not end up in the field that
// happens to have the focus and nothing a person types is lost.
//
// The first character of a burst cannot be told from a typed one: it goes through (the caller
// remembers the field as it was and puts it back if a scan follows). Every further character
// arriving within SCAN_GAP_MS of the previous one is held back; Enter within SCAN_ENTER_MS of the
// last held one, after at least SCAN_MIN_CHARS characters, makes them a scan. Anything else
// (a slower key, another key, a pause) gives the held characters back to be typed where they
// were meant, before the key that came after them.

/** Most a scanner leaves between two characters (a person's keys are ~100 ms and more apart). */
export const SCAN_GAP_MS = 30;
/** Most a scanner leaves between its last character and its Enter. */
export const SCAN_ENTER_MS = 150;
/** The shortest code taken as a scan (receipt numbers and barcodes are much longer). */
export const SCAN_MIN_CHARS = 4;

export type KeyVerdict =
  /** the key goes where it was typed, after `typed` (characters held back, a person's after all) */
  | { kind: 'type'; typed: string; first: boolean }
  /** a scanner's character: keep it out of the focused field */
  | { kind: 'hold' }
  /** Enter ending a scanner's burst: the code scanned */
  | { kind: 'scan'; code: string };

const MODIFIERS = new Set(['Shift', 'CapsLock', 'AltGraph']);

export class ScanBurst {
  #chars = '';
  #held = '';
  #last = -Infinity;

  /**
   * A key pressed at `at` (ms). `key` is KeyboardEvent.key; pass '' for a key with Ctrl/Alt/Meta.
   * On 'type' with `first`, the key may begin a burst: remember the field as it is now.
   */
  key(key: string, at: number): KeyVerdict {
    const gap = at - this.#last;
    if (key.length === 1) {
      if (this.#chars && gap < SCAN_GAP_MS) {
        this.#chars += key;
        this.#held += key;
        this.#last = at;
        return { kind: 'hold' };
      }
      const typed = this.#end();
      this.#chars = key;
      this.#last = at;
      return { kind: 'type', typed, first: true };
    }
    if (MODIFIERS.has(key)) return { kind: 'type', typed: '', first: false };
    if (key === 'Enter' && this.#chars.length >= SCAN_MIN_CHARS && this.#held && gap < SCAN_ENTER_MS) {
      const code = this.#chars;
      this.#chars = '';
      this.#held = '';
      this.#last = -Infinity;
      return { kind: 'scan', code };
    }
    return { kind: 'type', typed: this.#end(), first: false };
  }

  /** Time has passed (`at` ms) without a key: once a scanner would have sent its Enter, the held characters are a person's. */
  pause(at: number): string {
    return at - this.#last >= SCAN_ENTER_MS ? this.#end() : '';
  }

  /** Forget the burst (the focus went to the scan field itself, where a scan belongs anyway). */
  reset(): string {
    return this.#end();
  }

  get holding(): boolean {
    return this.#held !== '';
  }

  #end(): string {
    const typed = this.#held;
    this.#chars = '';
    this.#held = '';
    this.#last = -Infinity;
    return typed;
  }
}
