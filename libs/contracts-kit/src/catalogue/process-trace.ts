/**
 * The measured half of the catalogue: while a fixture runs, every process (transitional-process
 * rule) that acts on it is recorded here. Rules built as objects with an `apply`/`check` function
 * are recorded automatically by the rule probe; a rule written as a plain function can call
 * `traceProcess(id)` itself. Outside a recording this is a no-op, so production pays one check.
 */
const KEY = Symbol.for('cp-bridge.process-trace');
type Recorder = { current?: Set<string> };
const recorder: Recorder = ((globalThis as Record<symbol, unknown>)[KEY] as Recorder | undefined) ?? ((globalThis as Record<symbol, unknown>)[KEY] = {} as Recorder);

export function traceProcess(id: string): void {
  recorder.current?.add(id);
}

/** Run `fn` and return the process ids it traced. Not re-entrant (fixtures run one at a time). */
export function recordProcesses<T>(fn: () => T): { result: T; ids: Set<string> } {
  const ids = new Set<string>();
  const previous = recorder.current;
  recorder.current = ids;
  try {
    return { result: fn(), ids };
  } finally {
    recorder.current = previous;
  }
}
