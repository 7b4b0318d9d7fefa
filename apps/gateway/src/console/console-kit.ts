import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { ConsoleUser } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import type { ConsoleQueries } from './console-queries.js';

export type Req = FastifyRequest & { consoleUser?: ConsoleUser; consoleToken?: string };
export type Form = Record<string, string | string[] | undefined>;

/** What every console page module is given: the dependencies and the shared rendering and guard helpers. */
export interface ConsoleKit {
  readonly fastify: FastifyInstance;
  readonly deps: ConsoleDeps;
  readonly q: ConsoleQueries;
  readonly quarantine: QuarantineRepository;
  readonly registry: ContractRegistry;
  readonly log: Logger;
  render(req: Req, reply: FastifyReply, template: string, ctx?: Record<string, unknown>, status?: number): FastifyReply;
  forbidden(req: Req, reply: FastifyReply, what: string): FastifyReply;
  audit(req: Req, action: string, detail: unknown): Promise<void>;
  /** Operator role and a valid CSRF token, or an answer already sent. */
  mayAct(req: Req, reply: FastifyReply, what: string): boolean;
  /** Wraps a handler: a thrown error becomes the console's error page (and a log line). */
  page(handler: (req: Req, reply: FastifyReply) => Promise<unknown>): (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export const isoOrUndefined = (v: string | undefined): Date | undefined => {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};
