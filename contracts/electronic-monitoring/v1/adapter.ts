import type { MapResult, MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import { readHearingResulted } from '../../../libs/domain/src/readers/hearing-resulted.reader.js';
import { detectMonitoring, type MonitoringReason } from '../../../libs/domain/src/routing/electronic-monitoring.rule.js';
import { mapToEmOrder } from './from-domain.mapper.js';
import { londonDateTime } from './rules/cp-values.js';
import { EM_RULES } from './rules/index.js';
import { validateDocument } from './schema.js';
import { serialize } from './serializer.js';
import type { DataDictionaryLayout, EmOrderNotification } from './wire.js';

/**
 * electronic-monitoring@v1: the device wearer and monitoring order the EM contractor needs, as
 * JSON over HTTPS. Settings (MessageContext.settings): `dataDictionaryVersion` DDV4 | DDV5
 * (default DDV5, the contractor's current layout) and `fmsCaseId` (the contractor's device-wearer
 * id when it is already known, e.g. for a variation; '' otherwise).
 */
const LAYOUTS: readonly DataDictionaryLayout[] = ['DDV4', 'DDV5'];

function layoutOf(ctx: MessageContext): DataDictionaryLayout {
  const v = ctx.settings?.dataDictionaryVersion;
  return (LAYOUTS as readonly string[]).includes(v ?? '') ? (v as DataDictionaryLayout) : 'DDV5';
}

export const adapter: OutboundAdapter<EmOrderNotification> = {
  name: 'electronic-monitoring',
  version: 'v1',
  direction: 'outbound',
  transport: 'json-http',
  // Our schema ships inside the contract folder; no partner file is needed from the schema root.
  schemaFiles: [],
  processes: EM_RULES,
  map(subject: ObligationSubject, ctx: MessageContext): MapResult<EmOrderNotification> {
    const amendment = ctx.amends ? { variationDate: londonDateTime(ctx.amends.sharedTime ?? ctx.now).slice(0, 10) } : undefined;
    return mapToEmOrder(subject, { layout: layoutOf(ctx), orderId: ctx.messageId, caseId: ctx.settings?.fmsCaseId ?? '', ...(amendment ? { amendment } : {}) });
  },
  serialize(wire: EmOrderNotification): string {
    return serialize(wire);
  },
  validate(document: string): readonly Problem[] {
    return validateDocument(document);
  },
  /**
   * One POST carries both documents plus our message id, so the contractor can create (or find)
   * the wearer and attach the order atomically and de-duplicate retries on messageId.
   */
  envelope(document: string, ctx: MessageContext): RenderedMessage {
    return { document, payload: withMessageId(document, ctx.messageId), contentType: 'application/json', action: '/orders' };
  },
};

const SERIALIZED = '{"deviceWearer":';

/**
 * `{ messageId, deviceWearer, order }`. Our serializer writes `{"deviceWearer":…,"order":…}` and
 * the schema allows no other top-level key (the worker validates before it envelopes), so the id
 * is put in front of that text rather than 5 KB of JSON being parsed and written again (≈ a
 * quarter of this contract's mapping cost); any other text is read and re-written as before.
 */
export function withMessageId(document: string, messageId: string): string {
  if (document.startsWith(SERIALIZED)) return `{"messageId":${JSON.stringify(messageId)},${document.slice(1)}`;
  const body = JSON.parse(document) as { deviceWearer: unknown; order: unknown };
  return JSON.stringify({ messageId, deviceWearer: body.deviceWearer, order: body.order });
}

export default adapter;

/** The S3 pointer the SQS extended client leaves in place of a large message. */
export function offloadedPointer(json: unknown): { bucket: string; key: string } | undefined {
  if (!Array.isArray(json) || json[0] !== 'software.amazon.payloadoffloading.PayloadS3Pointer') return undefined;
  const p = json[1] as { s3BucketName?: unknown; s3Key?: unknown } | undefined;
  return { bucket: String(p?.s3BucketName ?? ''), key: String(p?.s3Key ?? '') };
}

export interface DefendantMapping {
  readonly caseId: string;
  readonly defendantId: string;
  readonly decision: 'required' | 'possible' | 'none' | 'ignored';
  readonly reasons: readonly MonitoringReason[];
  /** Present for required (mapped or failed) and possible (always a review problem) defendants. */
  readonly result?: MapResult<EmOrderNotification>;
}

export type MapFileResult =
  | { readonly ok: true; readonly defendants: readonly DefendantMapping[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * For the CLI (`cp-bridge map electronic-monitoring@v1 <file>`): every defendant of a
 * hearing-resulted payload with the detection decision, and the mapping of each monitored one.
 * A "possible" defendant is reported with EM.NEEDS_REVIEW rather than mapped on a guess.
 */
export function mapFile(json: unknown, ctx: MessageContext): MapFileResult {
  const pointer = offloadedPointer(json);
  if (pointer) {
    // The adapter does no I/O: the caller must fetch the body from S3 and map that instead.
    return { ok: false, problems: [problem('EM.PAYLOAD_OFFLOADED', '$', `payload is an S3 pointer (bucket ${pointer.bucket}, key ${pointer.key}); fetch the body first`)] };
  }
  const read = readHearingResulted(json);
  if (!read.ok) return { ok: false, problems: read.problems };
  const { hearing, sharedTime } = read.value;
  const defendants: DefendantMapping[] = [];
  for (const prosecutionCase of hearing.prosecutionCases ?? []) {
    for (const defendant of prosecutionCase.defendants) {
      const { decision, reasons } = detectMonitoring(hearing, prosecutionCase, defendant);
      const base = { caseId: prosecutionCase.id, defendantId: defendant.id, decision, reasons };
      if (decision === 'required') {
        const subject = { hearing, prosecutionCase, defendant, ...(sharedTime ? { sharedTime } : {}) };
        defendants.push({ ...base, result: adapter.map(subject, { ...ctx, messageId: `${ctx.messageId}:${defendant.id}` }) });
      } else if (decision === 'possible') {
        defendants.push({ ...base, result: { ok: false, problems: [problem('EM.NEEDS_REVIEW', reasons[0]?.path ?? '$', 'monitoring may have been imposed but no structured signal confirms it')] } });
      } else {
        defendants.push(base);
      }
    }
  }
  return { ok: true, defendants };
}
