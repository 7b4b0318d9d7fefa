/**
 * Files of a fresh contract skeleton (`cp-bridge contract new <name>` for a contract that does not
 * exist yet): a JSON-over-HTTP outbound contract with one named rule, one fixture and the golden
 * spec, green as generated. `LIBS` is the relative path from the version folder to libs/.
 */
export function skeletonFiles(name: string, libs: string): Record<string, string> {
  const ref = `${name}@v1`;
  const input = {
    sharedTime: '2026-01-05T10:00:00.000Z',
    hearing: {
      id: '5e1c0000-0000-4000-8000-000000000001',
      jurisdictionType: 'MAGISTRATES',
      courtCentre: { id: '5e1c0000-0000-4000-8000-000000000002', code: 'B01LY00' },
      hearingDays: [{ sittingDay: '2026-01-05T09:30:00.000Z' }],
      prosecutionCases: [
        {
          id: '5e1c0000-0000-4000-8000-000000000003',
          prosecutionCaseIdentifier: { prosecutionAuthorityCode: 'TFL', caseURN: '01TL0000001' },
          defendants: [
            {
              id: '5e1c0000-0000-4000-8000-000000000004',
              prosecutionCaseId: '5e1c0000-0000-4000-8000-000000000003',
              offences: [{ id: '5e1c0000-0000-4000-8000-000000000005', offenceCode: 'TL96001', startDate: '2025-12-01' }],
              personDefendant: { personDetails: { firstName: 'Sam', lastName: 'Example', gender: 'NOT_KNOWN' } },
            },
          ],
        },
      ],
    },
  };
  const expected = [{ caseUrn: '01TL0000001', defendantId: '5e1c0000-0000-4000-8000-000000000004', name: 'Sam Example', offenceCodes: ['TL96001'] }];
  return {
    'README.md': `# ${name} v1\n\nWhat this contract sends, to whom, and the partner's specification (link, version, date).\n\n- schema/: the JSON schema of the document (or the partner's XSD, loaded from the schema root, never copied here)\n- wire.ts, from-domain.mapper.ts, rules/: the mapping; each rule carries a transitional-process id (TP-…) and purpose\n- fixtures/NNN-name/{input.json, expected.json, meta.json}: one directory is one golden test\n- real-fixtures.json: real input/expected pairs under the shared fixtures root, used in place\n\nKnown quirks: none yet.\n`,
    'schema/document.schema.json': `${JSON.stringify(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        additionalProperties: false,
        required: ['caseUrn', 'defendantId', 'name', 'offenceCodes'],
        properties: {
          caseUrn: { type: 'string', maxLength: 30 },
          defendantId: { type: 'string' },
          name: { type: 'string', minLength: 1, maxLength: 100 },
          offenceCodes: { type: 'array', items: { type: 'string', maxLength: 8 } },
        },
      },
      null,
      2,
    )}\n`,
    'wire.ts': `/** The partner's message, as plain data. */\nexport interface Wire {\n  readonly caseUrn: string;\n  readonly defendantId: string;\n  readonly name: string;\n  readonly offenceCodes: readonly string[];\n}\n`,
    'rules/mapping-rule.ts': `import type { Problem } from '${libs}/domain/src/errors/problem.js';\n\n/** A mapping rule named after the transitional process it replaces. */\nexport interface MappingRule<I, O> {\n  readonly id: string;\n  readonly purpose: string;\n  readonly apply: (input: I, problems: Problem[], path: string) => O;\n}\n\nexport function rule<I, O>(id: string, purpose: string, apply: MappingRule<I, O>['apply']): MappingRule<I, O> {\n  return { id, purpose, apply };\n}\n`,
    'rules/name.rule.ts': `import { problem } from '${libs}/domain/src/errors/problem.js';\nimport type { Defendant } from '${libs}/domain/src/model/index.js';\nimport { rule } from './mapping-rule.js';\n\nexport const defendantName = rule<Defendant, string>('TP-001', "person's first and last name, else the organisation name → name", (d, problems, path) => {\n  const person = d.personDefendant?.personDetails;\n  const value = person ? [person.firstName, person.lastName].filter(Boolean).join(' ') : (d.legalEntityDefendant?.organisation.name ?? '');\n  if (!value) problems.push(problem('PAYLOAD.MISSING_FIELD', \`\${path}.personDefendant\`, 'defendant has no name'));\n  return value;\n});\n`,
    'rules/index.ts': `import { defendantName } from './name.rule.js';\n\n/** Every mapping rule of this version, for the catalogue. */\nexport const RULES = [defendantName].map(({ id, purpose }) => ({ id, purpose }));\n`,
    'from-domain.mapper.ts': `import type { Problem } from '${libs}/domain/src/errors/problem.js';\nimport type { MapResult, ObligationSubject } from '${libs}/contracts-kit/src/adapter.js';\nimport { defendantName } from './rules/name.rule.js';\nimport type { Wire } from './wire.js';\n\n/** Pure: one defendant of one case → one message. */\nexport function mapToWire(subject: ObligationSubject): MapResult<Wire> {\n  const problems: Problem[] = [];\n  const { prosecutionCase, defendant } = subject;\n  const wire: Wire = {\n    caseUrn: prosecutionCase.prosecutionCaseIdentifier.caseURN ?? '',\n    defendantId: defendant.id,\n    name: defendantName.apply(defendant, problems, \`$.defendants[id=\${defendant.id}]\`),\n    offenceCodes: defendant.offences.map((o) => o.offenceCode),\n  };\n  return problems.length ? { ok: false, problems } : { ok: true, wire };\n}\n`,
    'adapter.ts': `import { readFileSync } from 'node:fs';\nimport { Ajv, type ValidateFunction } from 'ajv';\nimport { problem, type Problem } from '${libs}/domain/src/errors/problem.js';\nimport { readHearingResulted } from '${libs}/domain/src/readers/hearing-resulted.reader.js';\nimport type { MessageContext, OutboundAdapter } from '${libs}/contracts-kit/src/adapter.js';\nimport { mapToWire } from './from-domain.mapper.js';\nimport { RULES } from './rules/index.js';\nimport type { Wire } from './wire.js';\n\nlet compiled: ValidateFunction | undefined;\nconst validator = (): ValidateFunction =>\n  (compiled ??= new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('./schema/document.schema.json', import.meta.url), 'utf8')) as object));\n\nexport const adapter: OutboundAdapter<Wire> = {\n  name: '${name}',\n  version: 'v1',\n  direction: 'outbound',\n  transport: 'json-http',\n  schemaFiles: [],\n  processes: RULES,\n  map: (subject) => mapToWire(subject),\n  serialize: (wire) => JSON.stringify(wire),\n  validate(document: string): readonly Problem[] {\n    const v = validator();\n    if (v(JSON.parse(document))) return [];\n    return (v.errors ?? []).map((e) => problem('CONTRACT.SCHEMA_INVALID', e.instancePath || '/', e.message ?? 'invalid'));\n  },\n  envelope: (document: string) => ({ document, payload: document, contentType: 'application/json' }),\n};\n\nexport default adapter;\n\n/** Offline mapping of a whole payload (CLI \`map\`, golden tests, \`contract check\`): one document per defendant. */\nexport function mapFile(json: unknown, ctx: MessageContext) {\n  const read = readHearingResulted(json);\n  if (!read.ok) return { ok: false as const, problems: read.problems };\n  const documents: { document: string }[] = [];\n  const problems: Problem[] = [];\n  for (const prosecutionCase of read.value.hearing.prosecutionCases ?? []) {\n    for (const defendant of prosecutionCase.defendants) {\n      const mapped = adapter.map({ hearing: read.value.hearing, prosecutionCase, defendant }, ctx);\n      if (!mapped.ok) { problems.push(...mapped.problems); continue; }\n      const document = adapter.serialize(mapped.wire, ctx);\n      const invalid = adapter.validate(document);\n      if (invalid.length) problems.push(...invalid);\n      else documents.push({ document });\n    }\n  }\n  return problems.length ? { ok: false as const, problems } : { ok: true as const, documents };\n}\n`,
    'adapter.golden.spec.ts': `import { readdirSync, readFileSync } from 'node:fs';\nimport { join } from 'node:path';\nimport { fileURLToPath } from 'node:url';\nimport { mapFile } from './adapter.js';\n\n/** Golden tests: every fixtures/NNN-* directory is one test; adding a directory adds a test. */\nconst here = fileURLToPath(new URL('.', import.meta.url));\nconst dir = join(here, 'fixtures');\nconst cases = readdirSync(dir).filter((d) => /^\\d{3}-/.test(d)).sort();\nconst readJson = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));\n\ndescribe('${ref} golden', () => {\n  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));\n  if (cases.length) describe.each(cases)('%s', (name) => {\n    it('maps to the expected documents', () => {\n      const meta = readJson(join(dir, name, 'meta.json')) as { messageId?: string };\n      const out = mapFile(readJson(join(dir, name, 'input.json')), { notificationId: name, messageId: meta.messageId ?? name, now: '2026-01-01T00:00:00.000Z' });\n      if (!out.ok) throw new Error(JSON.stringify(out.problems));\n      expect(out.documents.map((d) => JSON.parse(d.document) as unknown)).toEqual(readJson(join(dir, name, 'expected.json')));\n    });\n  });\n});\n`,
    'real-fixtures.json': `${JSON.stringify({ comment: 'Real input -> expected pairs under the fixtures root (CP_BRIDGE_FIXTURES_ROOT), used in place. Say where each comes from (repository, path, commit).', pairs: [] }, null, 2)}\n`,
    'fixtures/001-one-defendant/input.json': `${JSON.stringify(input, null, 2)}\n`,
    'fixtures/001-one-defendant/expected.json': `${JSON.stringify(expected, null, 2)}\n`,
    'fixtures/001-one-defendant/meta.json': `${JSON.stringify({ description: 'Synthetic: one person defendant with one offence', messageId: 'fixture-001' }, null, 2)}\n`,
  };
}
