import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import type { HearingResulted } from '../../../libs/domain/src/model/index.js';
import { looksLikeHearingResulted, readHearingResulted } from '../../../libs/domain/src/readers/hearing-resulted.reader.js';
import { looksLikePoliceResultGenerated, readPoliceResultGenerated } from '../../../libs/domain/src/readers/police-result-generated.reader.js';
import { decidePolice } from '../../../libs/domain/src/routing/police.rule.js';
import type { MapResult, MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { XsdValidator } from '../../../libs/xml/src/xsd-validator.js';
import { envelope } from './envelope.js';
import { mapToResultedCaseMessage } from './from-domain.mapper.js';
import { checkBusinessRules } from './rules/business.rule.js';
import { caseFileNeeds } from './rules/offence-location.rule.js';
import { mappingRules } from './rules/catalogue.js';
import { missingSchemaFiles, RESULT_XSD, SCHEMA_FILES, schemaPath } from './schema.js';
import { serializeResultedCaseMessage } from './serializer.js';
import type { ResultedCaseMessage } from './wire.js';

let validator: XsdValidator | undefined;

function resultValidator(): XsdValidator | Problem[] {
  if (validator) return validator;
  const missing = missingSchemaFiles();
  if (missing.length > 0) {
    return [problem('CONTRACT.SCHEMA_MISSING', schemaPath(RESULT_XSD), `police-results@v2 schema files missing under the schema root: ${missing.join(', ')}`)];
  }
  validator = XsdValidator.fromFile(schemaPath(RESULT_XSD));
  return validator;
}

export const adapter: OutboundAdapter<ResultedCaseMessage> = {
  name: 'police-results',
  version: 'v2',
  direction: 'outbound',
  transport: 'soap',
  schemaFiles: SCHEMA_FILES,
  processes: mappingRules,
  // Upstream ResultProcessor looks the offence locations up in the prosecution case file first.
  enrichments: caseFileNeeds,
  map(subject: ObligationSubject, ctx?: MessageContext): MapResult<ResultedCaseMessage> {
    const mapped = mapToResultedCaseMessage(subject, ctx?.enrichment);
    if (!mapped.ok) return mapped;
    const problems = checkBusinessRules(mapped.wire);
    return problems.length > 0 ? { ok: false, problems } : mapped;
  },
  serialize: (wire) => serializeResultedCaseMessage(wire),
  validate(document: string): readonly Problem[] {
    const v = resultValidator();
    return Array.isArray(v) ? v : v.validate(document);
  },
  envelope: (document: string, ctx: MessageContext): RenderedMessage => envelope(document, ctx),
};

export default adapter;

/** One rendered message per subject, or the problems that stopped it. */
export interface MappedDocument {
  readonly caseId: string;
  readonly defendantId: string;
  readonly document: string;
  readonly rendered: RenderedMessage;
}
export type MapFileResult =
  | { readonly ok: true; readonly document: string; readonly documents: readonly MappedDocument[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface SubjectSelection {
  readonly caseId?: string;
  readonly defendantId?: string;
}

/** Read either CP shape into the domain; say which reader was used. */
export function readInput(json: unknown): { ok: true; value: HearingResulted; reader: string } | { ok: false; problems: readonly Problem[] } {
  if (looksLikePoliceResultGenerated(json)) {
    const r = readPoliceResultGenerated(json);
    return r.ok ? { ok: true, value: r.value, reader: 'police-result-generated' } : r;
  }
  if (looksLikeHearingResulted(json)) {
    const r = readHearingResulted(json);
    return r.ok ? { ok: true, value: r.value, reader: 'hearing-resulted' } : r;
  }
  return { ok: false, problems: [problem('PAYLOAD.UNKNOWN_SHAPE', '$', 'neither a hearing-resulted payload nor a police-result-generated event')] };
}

/**
 * The subjects a payload yields for this contract: the single defendant of a police-result-generated
 * event, or every defendant of every police-prosecuted case of a hearing (optionally one of them).
 */
export function subjectsOf(resulted: HearingResulted, select: SubjectSelection = {}, policeOnly = true): ObligationSubject[] {
  const out: ObligationSubject[] = [];
  for (const [ci, prosecutionCase] of (resulted.hearing.prosecutionCases ?? []).entries()) {
    if (select.caseId && prosecutionCase.id !== select.caseId) continue;
    for (const defendant of prosecutionCase.defendants) {
      if (select.defendantId && defendant.id !== select.defendantId) continue;
      const police = decidePolice(prosecutionCase, defendant, `$.hearing.prosecutionCases[${ci}]`).decision === 'police';
      // A police-result-generated event is police-routed by construction (its case carries no prosecutor).
      const byConstruction = prosecutionCase.prosecutionCaseIdentifier.prosecutionAuthorityCode === '';
      if (policeOnly && !police && !byConstruction && !select.defendantId) continue;
      out.push({ hearing: resulted.hearing, prosecutionCase, defendant, sharedTime: resulted.sharedTime });
    }
  }
  return out;
}

/** What `cp-bridge map police-results@v2 <file>` needs: JSON in, documents (or problems) out. No I/O besides the schema. */
export function mapFile(json: unknown, ctx: MessageContext, select: SubjectSelection = {}): MapFileResult {
  const read = readInput(json);
  if (!read.ok) return read;
  const subjects = subjectsOf(read.value, select);
  if (subjects.length === 0) return { ok: false, problems: [problem('CONTRACT.NO_SUBJECT', '$', 'no police-prosecuted defendant matched')] };
  const problems: Problem[] = [];
  const documents: MappedDocument[] = [];
  for (const subject of subjects) {
    const mapped = adapter.map(subject, ctx);
    if (!mapped.ok) {
      problems.push(...mapped.problems);
      continue;
    }
    const document = adapter.serialize(mapped.wire, ctx);
    const invalid = adapter.validate(document);
    if (invalid.length > 0) {
      problems.push(...invalid);
      continue;
    }
    documents.push({ caseId: subject.prosecutionCase.id, defendantId: subject.defendant.id, document, rendered: adapter.envelope(document, ctx) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document: documents[0]!.document, documents };
}
