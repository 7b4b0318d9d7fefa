import type { EnrichmentNeed, ObligationSubject } from '../../../../libs/contracts-kit/src/adapter.js';
import { rule } from './mapping-rule.js';

/** The enrichment kind: the prosecution case file the police opened the case with (prosecutioncasefile.query.case). */
export const PROSECUTION_CASE_FILE = 'prosecution-case-file';

/** ResultProcessor asks for the case file of the event's case before converting (upstream, per message). */
export const caseFileNeeds = (subject: ObligationSubject): readonly EnrichmentNeed[] => [{ kind: PROSECUTION_CASE_FILE, key: subject.prosecutionCase.id }];

type CaseFile = { defendants?: { offences?: { offenceId?: unknown; offenceLocation?: unknown }[] }[] } | null | undefined;

/**
 * Upstream ProsecutionCaseFileService.extractOffenceLocation (hmcts/cpp-context-staging-prosecutors-spi
 * @ c02d92c1): every offence of every defendant in the case file with a non-blank offenceLocation,
 * by offenceId; CourtOffence.buildBaseOffenceDetailsStructure then sets LocationOfOffence for the
 * offences found there. No case file (null) → no locations.
 */
export const offenceLocations = rule<unknown, ReadonlyMap<string, string>>(
  'TP-024',
  'prosecution case file (enrichment) → LocationOfOffence by offence id, non-blank locations only',
  (caseFile) => {
    const out = new Map<string, string>();
    for (const d of (caseFile as CaseFile)?.defendants ?? []) {
      for (const o of d.offences ?? []) {
        if (typeof o.offenceLocation === 'string' && o.offenceLocation.trim() !== '' && typeof o.offenceId === 'string') out.set(o.offenceId, o.offenceLocation);
      }
    }
    return out;
  },
);
