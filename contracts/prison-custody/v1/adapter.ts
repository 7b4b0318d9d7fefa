import type { MapResult, MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import { readHearingResulted } from '../../../libs/domain/src/readers/hearing-resulted.reader.js';
import type { PartnerReason } from '../../../libs/domain/src/routing/partner-decision.js';
import { decidePrison } from '../../../libs/domain/src/routing/prison.rule.js';
import { mapToCustodyEvent } from './from-domain.mapper.js';
import { PRISON_RULES } from './rules/index.js';
import { validateDocument } from './schema.js';
import type { PrisonCustodyNotification } from './wire.js';

/**
 * prison-custody@v1: custody events (remand, committal, custodial sentence) for the prison, as
 * JSON over HTTPS (`POST <url>/custody-events`). The schema is modelled (see README).
 */
export const adapter: OutboundAdapter<PrisonCustodyNotification> = {
  name: 'prison-custody',
  version: 'v1',
  direction: 'outbound',
  transport: 'json-http',
  // Our schema ships inside the contract folder; nothing is needed from the schema root.
  schemaFiles: [],
  processes: PRISON_RULES,
  map(subject: ObligationSubject, ctx: MessageContext): MapResult<PrisonCustodyNotification> {
    return mapToCustodyEvent(subject, ctx);
  },
  serialize(wire: PrisonCustodyNotification): string {
    return JSON.stringify(wire);
  },
  validate(document: string): readonly Problem[] {
    return validateDocument(document);
  },
  /** The document carries its messageId; the transport adds it as Idempotency-Key too. */
  envelope(document: string): RenderedMessage {
    return { document, payload: document, contentType: 'application/json', action: '/custody-events' };
  },
};

export default adapter;

export interface DefendantMapping {
  readonly caseId: string;
  readonly defendantId: string;
  readonly decision: 'required' | 'possible' | 'none';
  readonly reasons: readonly PartnerReason[];
  readonly result?: MapResult<PrisonCustodyNotification>;
}

export type MapFileResult = { readonly ok: true; readonly defendants: readonly DefendantMapping[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * For `cp-bridge map prison-custody@v1 <file>`: every defendant with the routing decision, and the
 * event of each one in custody. A possible defendant (e.g. a release) gets PRISON.NEEDS_REVIEW.
 */
export function mapFile(json: unknown, ctx: MessageContext): MapFileResult {
  const read = readHearingResulted(json);
  if (!read.ok) return { ok: false, problems: read.problems };
  const { hearing, sharedTime } = read.value;
  const defendants: DefendantMapping[] = [];
  for (const prosecutionCase of hearing.prosecutionCases ?? []) {
    for (const defendant of prosecutionCase.defendants) {
      const { decision, reasons } = decidePrison(hearing, prosecutionCase, defendant);
      const base = { caseId: prosecutionCase.id, defendantId: defendant.id, decision, reasons };
      if (decision === 'required') {
        const subject = { hearing, prosecutionCase, defendant, ...(sharedTime ? { sharedTime } : {}) };
        defendants.push({ ...base, result: adapter.map(subject, { ...ctx, messageId: `${ctx.messageId}:${defendant.id}` }) });
      } else if (decision === 'possible') {
        defendants.push({ ...base, result: { ok: false, problems: [problem('PRISON.NEEDS_REVIEW', reasons[0]?.path ?? '$', reasons[0]?.evidence ?? 'custody may be affected: confirm')] } });
      } else {
        defendants.push(base);
      }
    }
  }
  return { ok: true, defendants };
}
