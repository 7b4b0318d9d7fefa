/**
 * A coded problem found in a payload or a mapping: stable `code` (AREA.REASON), the JSON path or
 * XPath where it was found, and a message for people. Rules return these; they never throw.
 */
export interface Problem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export function problem(code: string, path: string, message: string): Problem {
  return { code, path, message };
}

/** An error that carries a stable code, for the places that must throw. */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
    /** Facts the caller can act on (e.g. the stored event's id), sent beside code and message. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}
