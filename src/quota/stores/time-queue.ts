/**
 * A FIFO of (key, time) pairs in a ring buffer: a `string[]` for keys and a `Float64Array` for times, so an
 * entry costs 12 bytes of queue plus its (shared) key string. Push and shift are amortised O(1); the buffer
 * doubles when full and halves when three quarters empty, so memory follows the live entries.
 * @module
 */

const MIN_CAPACITY = 16;

/** See the module docs. Times must be pushed in non-decreasing order for {@link peekTime} to be the minimum. */
export class TimeQueue {
  #keys: (string | undefined)[] = new Array(MIN_CAPACITY);
  #times = new Float64Array(MIN_CAPACITY);
  #head = 0;
  #size = 0;

  /** Number of entries. */
  get size(): number {
    return this.#size;
  }

  /** Appends an entry. */
  push(key: string, time: number): void {
    if (this.#size === this.#keys.length) this.#resize(this.#keys.length * 2);
    const i = (this.#head + this.#size) & (this.#keys.length - 1);
    this.#keys[i] = key;
    this.#times[i] = time;
    this.#size++;
  }

  /** Time of the oldest entry, `undefined` when empty. */
  peekTime(): number | undefined {
    return this.#size === 0 ? undefined : this.#times[this.#head];
  }

  /** Removes and returns the oldest key. */
  shift(): string | undefined {
    if (this.#size === 0) return undefined;
    const key = this.#keys[this.#head];
    this.#keys[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#keys.length - 1);
    this.#size--;
    if (this.#keys.length > MIN_CAPACITY && this.#size <= this.#keys.length / 4) {
      this.#resize(this.#keys.length / 2);
    }
    return key;
  }

  #resize(capacity: number): void {
    const keys: (string | undefined)[] = new Array(capacity);
    const times = new Float64Array(capacity);
    const mask = this.#keys.length - 1;
    for (let n = 0; n < this.#size; n++) {
      const from = (this.#head + n) & mask;
      keys[n] = this.#keys[from];
      times[n] = this.#times[from] as number;
    }
    this.#keys = keys;
    this.#times = times;
    this.#head = 0;
  }
}
