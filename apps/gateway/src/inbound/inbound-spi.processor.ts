import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type PartnersConfig, resolvePin } from '../../../../libs/contracts-kit/src/partner-config.js';
import { schemaRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { parseContractRef } from '../../../../libs/contracts-kit/src/registry.js';
import { CodedError, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import { deterministicId } from '../../../../libs/domain/src/ids/deterministic-id.js';
import type { LedgerRepository, QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import { checkSubmitRequest } from '../../../../libs/soap/src/cjse-layers.js';
import { CJSE_TYPES_NS as TYPES } from '../../../../libs/soap/src/cjse-response.js';
import { parseSoapEnvelope } from '../../../../libs/soap/src/soap11-envelope.js';
import { childText, parseXmlTree } from '../../../../libs/soap/src/xml-tree.js';
import { checkXmlLimits } from '../../../../libs/xml/src/safe-xml-parser.js';
import { XsdValidator } from '../../../../libs/xml/src/xsd-validator.js';
import { inboundAdapter, type SpiNewCaseCommand } from '../../../../contracts/spi-inbound/v1/inbound.adapter.js';
import type { InboundConfig } from './inbound-config.js';
import { soapFault, submitResponse, type FaultCode, type SoapReply } from './soap-replies.js';
import { decodeXmlBytes } from './xml-decoding.js';
import { checkInner, checkOperation, checkRouteData, checkTransport, serializeElement, type LayerRefusal } from './spi-layers.js';
import { verifyUsernameToken, type NonceStore } from './ws-security.js';
import type { SpiWsdl } from './wsdl.js';

export interface InboundRequest {
  readonly raw: Buffer;
  readonly contentType: string;
  readonly soapAction: string | undefined;
  readonly remoteAddr?: string;
  /** Set by the body parser when the body passed the byte limit (it was not read further). */
  readonly tooLarge?: boolean;
  /** Operator re-run of a quarantined message (`cp-bridge quarantine release`): no WS-Security, no new quarantine row. */
  readonly release?: { readonly actor: string; readonly quarantineId: string };
}

export interface InboundOutcome extends SoapReply {
  readonly quarantineId?: string;
  readonly eventId?: string;
  readonly notificationId?: string;
}

export interface InboundSpiDeps {
  readonly config: InboundConfig;
  readonly ledger: LedgerRepository;
  readonly quarantine: QuarantineRepository;
  readonly partners: PartnersConfig;
  readonly nonces: NonceStore;
  readonly wsdl: SpiWsdl;
  readonly log: Logger;
  readonly now?: () => Date;
}

export const SPI_ENDPOINT = '/inbound/spi/v1';

const AUTH_FAULT: Record<string, FaultCode> = {
  'AUTH.MISSING': 'wsse:InvalidSecurity',
  'AUTH.INVALID': 'wsse:FailedAuthentication',
  'AUTH.REPLAYED': 'wsse:FailedAuthentication',
  'AUTH.EXPIRED': 'wsse:MessageExpired',
  'AUTH.CLOCK_SKEW': 'wsse:MessageExpired',
};

/**
 * POST /inbound/spi/v1, independent of HTTP so the CLI can re-run quarantined bytes: limits →
 * envelope → WS-Security → SubmitRequestMes (MDI codes + WSDL schema) → RouteData → inner message →
 * translate → ledger (event + platform notification + outbox, one transaction) → SubmitResponseMes 1.
 * Every refusal after the limits is quarantined with the raw bytes; auth failures are audited only.
 */
export class InboundSpiProcessor {
  private readonly routeData: XsdValidator;

  constructor(private readonly deps: InboundSpiDeps) {
    this.routeData = XsdValidator.fromFile(join(schemaRoot(), 'cp-spi-staging/xsd/cjseOperations.xsd'), deps.config.spi.limits);
  }

  async process(req: InboundRequest): Promise<InboundOutcome> {
    const { limits } = this.deps.config.spi;
    const ctx: Ctx = { req, sender: req.release ? 'operator-release' : 'unauthenticated' };
    if (req.tooLarge) return this.audited(req, 'unknown', soapFault('Client', 'XML.TOO_LARGE', `request body exceeds ${limits.maxBytes} bytes`));
    // XML 1.0: UTF-8 and UTF-16 (with its byte-order mark) are read; bytes that are not in the
    // document's encoding are a fatal error — decoding leniently would let U+FFFD into identifiers.
    const decoded = decodeXmlBytes(req.raw);
    if (!decoded.ok) return this.refuse(ctx, { layer: 'envelope', code: decoded.problem.code, problems: [decoded.problem] }, 'Client');
    const text = decoded.text;
    const pre = checkXmlLimits(text, limits);
    if (pre.length) return this.refuse(ctx, { layer: 'envelope', code: pre[0]!.code, problems: pre }, 'Client');

    const tree = parseXmlTree(text, limits);
    if (!tree.ok) return this.refuse(ctx, { layer: 'envelope', code: tree.problems[0]?.code ?? 'XML.NOT_WELL_FORMED', problems: tree.problems }, 'Client');
    const transport = checkTransport(req.contentType, req.soapAction, tree.root);
    if (transport) return this.refuse(ctx, { layer: 'envelope', code: transport.code, problems: [transport] }, transport.code === 'SOAP.VERSION_MISMATCH' ? 'VersionMismatch' : 'Client');
    const env = parseSoapEnvelope(text);
    if (!env.ok) return this.refuse(ctx, { layer: 'envelope', code: env.problems[0]!.code, problems: env.problems }, 'Client');

    if (!req.release) {
      const auth = await verifyUsernameToken(env.envelope.header, { ...this.deps.config.wsSecurity, credentials: this.deps.config.credentials, nonces: this.deps.nonces });
      if (!auth.ok) return this.audited(req, auth.username ?? 'unknown', soapFault(AUTH_FAULT[auth.code] ?? 'Client', auth.code, auth.message));
      ctx.sender = auth.username;
    }

    const mes = env.envelope.payload;
    const op = checkOperation(mes);
    if (op) return this.refuse(ctx, { layer: 'envelope', code: op.code, problems: [op] }, 'Client');
    ctx.requestId = childText(mes, 'RequestID', TYPES);
    const mdi = checkSubmitRequest(mes!);
    if (mdi.problems.length) {
      return this.refuse(ctx, { layer: 'envelope', code: mdi.problems[0]!.code, problems: mdi.problems, ...(mdi.rejectCode ? { responseCode: mdi.rejectCode } : {}) }, 'Client');
    }
    const wsdlProblems = this.deps.wsdl.validateMessage(serializeElement(mes!));
    if (wsdlProblems.length) return this.refuse(ctx, { layer: 'envelope', code: 'SOAP.SCHEMA_INVALID', problems: wsdlProblems }, 'Client');

    const rd = checkRouteData(childText(mes, 'Message', TYPES) ?? '', { limits, allowedTypes: inboundAdapter.dataStreamTypes, validate: (x) => this.routeData.validate(x) });
    if (!rd.ok) return this.refuse(ctx, rd.refusal, 'Client');
    ctx.correlationId = rd.info.correlationId;

    const inner = checkInner(rd.info.content, { limits, root: inboundAdapter.rootElement });
    if (inner) return this.refuse(ctx, inner, 'Client');
    const v = inboundAdapter.validate(rd.info.content);
    if (v.errors.length) return this.refuse(ctx, { layer: 'inner-message', code: 'CJSE.UnusableDataStream', responseCode: 1310, problems: v.errors }, 'Client');
    const t = inboundAdapter.translate(rd.info.content, { correlationId: rd.info.correlationId, sourceSystem: rd.info.sourceSystem, requestId: ctx.requestId ?? '' }, v.warnings);
    if (!t.ok) return this.refuse(ctx, { layer: 'translate', code: t.problems[0]?.code ?? 'SPI.UNMAPPABLE', responseCode: 1310, problems: t.problems }, 'Client');

    try {
      return await this.record(ctx, t.command, text);
    } catch (e) {
      const code = e instanceof CodedError ? e.code : 'INBOUND.INTERNAL';
      this.deps.log.error({ code, endpoint: SPI_ENDPOINT, err: (e as Error).message }, 'inbound SPI could not be recorded');
      // Nothing was committed: the sender may (and should) send the same message again.
      return soapFault('Server', code === 'LEDGER.UNAVAILABLE' ? 'INBOUND.LEDGER_UNAVAILABLE' : 'INBOUND.INTERNAL', 'the message could not be recorded; send it again later', true);
    }
  }

  /** Acknowledge only after the command, its platform notification and outbox row are committed. */
  private async record(ctx: Ctx, command: SpiNewCaseCommand, text: string): Promise<InboundOutcome> {
    const receivedAt = this.deps.now?.() ?? new Date();
    const eventId = deterministicId(`inbound-spi|${command.correlationId}`);
    const notificationId = deterministicId(`${eventId}|platform`);
    const contract = parseContractRef(resolvePin(this.deps.partners, 'platform', undefined, receivedAt));
    const pc = command.prosecutionCase as { caseDetails?: { ptiurn?: string }; defendants?: { id?: string }[] };
    const urn = pc.caseDetails?.ptiurn ?? command.correlationId;
    const result = await this.deps.ledger.acceptEvent({
      eventId,
      hearingId: `spi:${command.correlationId}`,
      bodyHash: createHash('sha256').update(ctx.req.raw).digest('hex'),
      rawBody: text,
      payload: command,
      source: 'inbound-spi',
      receivedAt,
      notifications: [
        {
          id: notificationId,
          partner: 'platform',
          contract: contract.name,
          contractVersion: contract.version,
          status: 'pending',
          caseId: `spi:${urn}`,
          caseUrn: urn,
          defendantId: pc.defendants?.[0]?.id ?? '-',
          orderKey: `platform|${urn}`,
          criticality: 'high',
          deadlineAt: new Date(receivedAt.getTime() + this.deps.config.spi.deadlineMinutes * 60_000),
          messageId: notificationId,
        },
      ],
    });
    if (!result.created) {
      return this.refuse(ctx, { layer: 'ledger', code: 'CJSE.PreviouslySent', responseCode: 302, problems: [{ code: 'CJSE.PreviouslySent', path: '/RouteData/RequestFromSystem/CorrelationID', message: `already received as event ${result.eventId}` }] }, 'Client');
    }
    this.deps.log.info({ code: 'INBOUND.ACCEPTED', endpoint: SPI_ENDPOINT, eventId, notificationId, sender: ctx.sender, warnings: command.warnings.length }, 'inbound SPI accepted');
    return { ...submitResponse(ctx.requestId ?? '', 1, 'INBOUND.ACCEPTED'), eventId, notificationId };
  }

  /** Answer a refusal (SubmitResponseMes code or fault) and quarantine the raw bytes. */
  private async refuse(ctx: Ctx, r: LayerRefusal | (Omit<LayerRefusal, 'layer'> & { layer: 'ledger' }), fault: FaultCode): Promise<InboundOutcome> {
    const reply = r.responseCode !== undefined ? submitResponse(ctx.requestId ?? '', r.responseCode, r.code, describe(r.problems)) : soapFault(fault, r.code, describe(r.problems));
    this.deps.log.warn({ code: r.code, layer: r.layer, responseCode: r.responseCode, endpoint: SPI_ENDPOINT, sender: ctx.sender }, 'inbound SPI refused');
    if (ctx.req.release) return reply;
    try {
      const quarantineId = await this.deps.quarantine.add({
        endpoint: SPI_ENDPOINT,
        sender: ctx.sender,
        ...(ctx.req.remoteAddr ? { remoteAddr: ctx.req.remoteAddr } : {}),
        layer: r.layer,
        code: r.code,
        ...(r.responseCode !== undefined ? { responseCode: r.responseCode } : {}),
        problems: r.problems.slice(0, 50),
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
        ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}),
        raw: ctx.req.raw,
      });
      return { ...reply, quarantineId };
    } catch (e) {
      this.deps.log.error({ code: 'INBOUND.QUARANTINE_FAILED', err: (e as Error).message }, 'could not quarantine a refused message');
      return soapFault('Server', 'INBOUND.QUARANTINE_FAILED', 'the message was refused and could not be kept; send it again later', true);
    }
  }

  /** Auth and size refusals: audited with who/where/why, nothing stored from an unauthenticated sender. */
  private async audited(req: InboundRequest, username: string, reply: SoapReply): Promise<InboundOutcome> {
    this.deps.log.warn({ code: reply.code, endpoint: SPI_ENDPOINT, username, remoteAddr: req.remoteAddr }, 'inbound SPI rejected at the door');
    await this.deps.ledger
      .appendAudit(`inbound:${username}`, 'inbound.rejected', { endpoint: SPI_ENDPOINT, code: reply.code, remoteAddr: req.remoteAddr ?? null, bytes: req.raw.length })
      .catch((e: Error) => this.deps.log.error({ code: 'AUDIT.FAILED', err: e.message }, 'audit write failed'));
    return reply;
  }
}

interface Ctx {
  readonly req: InboundRequest;
  sender: string;
  requestId?: string;
  correlationId?: string;
}

function describe(problems: readonly Problem[]): string {
  return problems.slice(0, 8).map((p) => `${p.code} at ${p.path}: ${p.message}`).join('; ');
}
