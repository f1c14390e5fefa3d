/**
 * A request's deadline as a plain timer, for the parts of a request no signal reaches (its body read).
 * @internal
 */

/**
 * The deadline of one request, started with it: a plain timer (no `AbortController`, no signal) that a body read
 * watches. Its duration is the same for every request of a client, so Node keeps every such timer in one list.
 */
export class Deadline {
  /** The duration, in milliseconds. */
  readonly ms: number;
  #passed = false;
  #listener: (() => void) | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(ms: number) {
    this.ms = ms;
    this.#timer = setTimeout(() => {
      this.#passed = true;
      this.#listener?.();
    }, ms);
  }

  /** Calls `listener` when the deadline passes, at once when it has (one listener at a time). */
  watch(listener: () => void): void {
    if (this.#passed) listener();
    else this.#listener = listener;
  }

  /** Forgets the listener. */
  unwatch(): void {
    this.#listener = undefined;
  }

  /** Stops the timer. */
  clear(): void {
    clearTimeout(this.#timer);
  }
}
