import { type CanActivate, createParamDecorator, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { ApiClients } from './api-clients.js';

export const API_CLIENTS = Symbol('ApiClients');
const REQUIRED_SCOPE = 'cpb:required-scope';

/** The route needs this scope of the authenticated client (config/clients.json `scopes`); else 403 AUTH.SCOPE_REQUIRED. */
export const RequireScope = (scope: string) => SetMetadata(REQUIRED_SCOPE, scope);

/** The authenticated client's name (set by the guard from the presented key): who acts, for the audit. */
export const ApiClientName = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const name = ctx.switchToHttp().getRequest<{ apiClient?: string }>().apiClient;
  if (!name) throw new CodedError('AUTH.MISSING', 'authentication required');
  return name;
});

/**
 * Every platform-facing route under /v1/ needs a configured key (Bearer or X-API-Key). Health,
 * readiness, /docs and /inbound are outside it: inbound SOAP authenticates with WS-Security.
 * Failures leave through CodedExceptionFilter as 401 AUTH.MISSING / AUTH.INVALID.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(API_CLIENTS) private readonly clients: ApiClients,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest & { apiClient?: string }>();
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith('/v1/') && path !== '/v1') return true;
    const key = presentedKey(req.headers);
    if (!key) throw new CodedError('AUTH.MISSING', 'authentication required: send Authorization: Bearer <key> or X-API-Key');
    const client = this.clients.identify(key);
    if (!client) throw new CodedError('AUTH.INVALID', 'the presented API key is not valid');
    req.apiClient = client;
    const scope = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    if (scope && !this.clients.scopesOf(client).has(scope)) {
      throw new CodedError('AUTH.SCOPE_REQUIRED', `client ${client} may not do this: it needs the '${scope}' scope (config/clients.json)`);
    }
    return true;
  }
}

/** The key a request presents (Bearer or X-API-Key), if any; the hearing-results intake uses it before parsing. */
export function presentedKey(headers: FastifyRequest['headers']): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const x = headers['x-api-key'];
  const v = Array.isArray(x) ? x[0] : x;
  return v?.trim() || undefined;
}
