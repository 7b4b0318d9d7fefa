import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Defendant, HearingResulted, ProsecutionCase } from '../model/index.js';
import { decideLegalAid } from './legal-aid.rule.js';
import { decidePrison } from './prison.rule.js';
import { decideProbation } from './probation.rule.js';

const sample = (name: string) => JSON.parse(readFileSync(join(process.cwd(), 'test/samples', name), 'utf8')) as HearingResulted;

describe('prison, probation and legal-aid routing on sample 004', () => {
  const { hearing } = sample('004-custody-community-legal-aid.json');
  const pairs = (hearing.prosecutionCases ?? []).flatMap((c) => c.defendants.map((d) => [c, d] as [ProsecutionCase, Defendant]));
  const decisions = pairs.map(([c, d]) => [decidePrison(hearing, c, d).decision, decideProbation(hearing, c, d).decision, decideLegalAid(hearing, c, d).decision]);

  it('sends the custodial sentence to prison, the community order to probation and the legally aided defendant to the LAA', () => {
    expect(decisions).toEqual([
      ['required', 'none', 'none'],
      ['none', 'required', 'none'],
      ['none', 'none', 'required'],
    ]);
  });
});
