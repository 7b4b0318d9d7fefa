import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import { deterministicId } from '../../../../libs/domain/src/ids/deterministic-id.js';
import type { HearingResulted } from '../../../../libs/domain/src/model/index.js';
import { readPlatformHearingResulted } from '../../../../libs/domain/src/readers/hearing-resulted.reader.js';
import { deriveObligations } from '../../../../libs/domain/src/routing/derive-obligations.js';
import type { Partner, UrgencyTable } from '../../../../libs/domain/src/routing/obligation.js';
import type { PinStore } from '../../../../libs/contracts-kit/src/pins/index.js';
import { parseContractRef } from '../../../../libs/contracts-kit/src/registry.js';
import { AcceptBatcher, type AcceptEventResult, type EventConflict, type LedgerRepository, type NewNotification, type NotificationSummary } from '../../../../libs/ledger/src/index.js';
import { LEDGER, PARTNERS, URGENCY } from '../tokens.js';
import { amendmentStep } from './amendment.policy.js';

export interface AcceptResult {
  readonly created: boolean;
  readonly eventId: string;
  readonly notifications: readonly NotificationSummary[];
  /** An amendment: the earlier share of the hearing it supersedes, and the partners it owed nothing. */
  readonly supersedesEventId?: string;
  readonly unchanged?: AcceptEventResult['unchanged'];
  readonly exclusions: readonly { partner: Partner; caseId: string; defendantId: string; reason: string }[];
}

/**
 * Accept one hearing result: read it, derive obligations with the pure routing rules, pin each to
 * a contract version, and record event + notifications + outbox rows in one transaction. Only
 * after the commit does the caller answer 202, so an acknowledged event is never lost.
 */
@Injectable()
export class AcceptHearingResultUseCase {
  constructor(
    @Inject(LEDGER) ledger: LedgerRepository,
    @Inject(PARTNERS) private readonly pins: PinStore,
    @Inject(URGENCY) private readonly urgency: UrgencyTable,
  ) {
    const amend = amendmentStep({ registry: pins.registry, settingsFor: (partner) => pins.partners.get(partner)?.settings });
    this.batcher = new AcceptBatcher(ledger, undefined, undefined, undefined, amend);
  }

  /** Group commit: concurrent accepts share a transaction; each answer still waits for its commit. */
  private readonly batcher: AcceptBatcher;

  async execute(body: unknown, rawBody: string, eventIdHeader?: string): Promise<AcceptResult> {
    const read = readPlatformHearingResulted(body);
    if (!read.ok) throw new CodedError('PAYLOAD.INVALID', `hearing result rejected: ${read.problems.length} problem(s)`, read.problems);
    const event = read.value;
    const receivedAt = new Date();
    const eventId = eventIdHeader?.trim() || deterministicId(`hearing-resulted|${event.hearing.id}|${event.sharedTime ?? ''}`);
    const { obligations, exclusions } = deriveObligations({ event, receivedAt, urgency: this.urgency });

    // An exact repeat of a case or defendant in the payload (accepted by the reader) is owed once.
    const owed = new Set<string>();
    const notifications: NewNotification[] = [];
    for (const o of obligations) {
      const id = deterministicId(`${eventId}|${o.partner}|${o.caseId}|${o.defendantId}`);
      if (owed.has(id)) continue;
      owed.add(id);
      // Current pins (hot-reloaded): the version is fixed here and recorded on the notification.
      const contract = parseContractRef(this.pins.resolve(o.partner, o.routingKey, receivedAt));
      notifications.push({
        id,
        partner: o.partner,
        contract: contract.name,
        contractVersion: contract.version,
        status: o.needsReview ? 'needs-review' : 'pending',
        reviewReason: o.reviewReason,
        reviewEvidence: o.needsReview ? o.evidence : undefined,
        caseId: o.caseId,
        caseUrn: o.caseUrn,
        defendantId: o.defendantId,
        orderKey: o.orderKey,
        criticality: o.criticality,
        deadlineAt: o.deadlineAt,
        messageId: id,
      });
    }

    const result = await this.batcher.accept({
      eventId,
      hearingId: event.hearing.id,
      bodyHash: createHash('sha256').update(rawBody).digest('hex'),
      rawBody,
      payload: event satisfies HearingResulted,
      // The reader hands back the parsed body itself, and rawBody is the text it was parsed from
      // (the controller passes the intake's decoded text): the ledger stores that text as the
      // payload instead of writing the same JSON out again (≈ 22 µs a request on the samples). A byte-order mark,
      // which the JSON parser skips and PostgreSQL's does not, is left out.
      ...(event === body ? { payloadJson: rawBody.charCodeAt(0) === 0xfeff ? rawBody.slice(1) : rawBody } : {}),
      source: 'hearing-resulted',
      receivedAt,
      notifications,
      ...(event.sharedTime ? { sharedTime: new Date(event.sharedTime) } : {}),
    });
    if (result.conflict) throw eventConflict(result.conflict);
    // Not `{ ...result, exclusions }`: a key added after a leading spread takes a slow path in this V8 (BENCHMARKS.md).
    return Object.assign({}, result, { exclusions });
  }
}

/**
 * 409: the event key (hearing id + sharedTime, or the Event-Id header) is already stored with a
 * different body. Nothing is written; the intake quarantines the refused body with this reason.
 */
function eventConflict(c: EventConflict): CodedError {
  const message = `event ${c.storedEventId} is already recorded with a different body; send a changed result with a new sharedTime (an amendment) or a new event id`;
  return new CodedError('EVENT.CONFLICT', message, [{ code: 'EVENT.CONFLICT', path: '$', message: `stored body ${c.storedBodyHash}, this body ${c.receivedBodyHash}` }], {
    eventId: c.storedEventId,
    storedBodyHash: c.storedBodyHash,
    receivedBodyHash: c.receivedBodyHash,
  });
}
