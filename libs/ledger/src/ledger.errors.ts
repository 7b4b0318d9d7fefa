import { CodedError } from '../../domain/src/errors/problem.js';

/** Stable codes callers may switch on; messages are for people and may change. */
export const LedgerErrorCode = {
  DuplicateEvent: 'LEDGER.DUPLICATE_EVENT',
  NotFound: 'LEDGER.NOT_FOUND',
  Unavailable: 'LEDGER.UNAVAILABLE',
  NotDispatchable: 'LEDGER.NOT_DISPATCHABLE',
  InvalidTransition: 'LEDGER.INVALID_TRANSITION',
  ConstraintViolation: 'LEDGER.CONSTRAINT_VIOLATION',
  MigrationFailed: 'LEDGER.MIGRATION_FAILED',
  InvalidConfig: 'LEDGER.INVALID_CONFIG',
  EmbeddedUnavailable: 'LEDGER.EMBEDDED_UNAVAILABLE',
  EmbeddedStartFailed: 'LEDGER.EMBEDDED_START_FAILED',
} as const;

export function ledgerError(code: string, message: string, cause?: unknown): CodedError {
  const error = new CodedError(code, message);
  if (cause !== undefined) error.cause = cause;
  return error;
}

const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * Turns driver errors into coded ones so callers can decide "retry later" (UNAVAILABLE) versus
 * "this input is wrong" (CONSTRAINT_VIOLATION) without knowing about pg.
 */
export function toLedgerError(error: unknown): unknown {
  if (error instanceof CodedError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    // SQLSTATE class 08 = connection exception; 57P0x = server shutting down; 53300 = too many clients.
    if (code.startsWith('08') || code.startsWith('57P0') || code === '53300' || NODE_NETWORK_CODES.has(code)) {
      return ledgerError(LedgerErrorCode.Unavailable, `ledger database unavailable: ${message}`, error);
    }
    if (code.startsWith('23')) {
      return ledgerError(LedgerErrorCode.ConstraintViolation, message, error);
    }
  }
  if (/Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(message)) {
    return ledgerError(LedgerErrorCode.Unavailable, `ledger database unavailable: ${message}`, error);
  }
  return error;
}

export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toLedgerError(error);
  }
}
