import { adapter as platformCommands } from '../../../../contracts/platform-commands/v1/adapter.js';
import type { OutboundAdapter } from '../../../../libs/contracts-kit/src/adapter.js';
import { subjectFor } from './produce-message.js';

const hearingEvent = {
  sharedTime: '2026-01-01T10:00:00Z',
  hearing: { id: 'h-1', prosecutionCases: [{ id: 'case-1', defendants: [{ id: 'def-1' }, { id: 'def-2' }] }] },
};
const defendantAdapter = { ...platformCommands, subject: undefined } as unknown as OutboundAdapter;

describe('subjectFor', () => {
  it('hands a stored-event contract the stored event itself, whatever its shape', () => {
    const command = { type: 'CreateProsecutionCase', prosecutionCase: { id: 'pc-1' } };
    expect(subjectFor(platformCommands as OutboundAdapter, command, 'case-1', 'def-1')).toEqual({ command });
  });

  it('finds the obligation defendant in the stored hearing for every other contract', () => {
    const subject = subjectFor(defendantAdapter, hearingEvent, 'case-1', 'def-2');
    expect(subject).toMatchObject({ prosecutionCase: { id: 'case-1' }, defendant: { id: 'def-2' }, sharedTime: '2026-01-01T10:00:00Z' });
    expect(subjectFor(defendantAdapter, hearingEvent, 'case-1', 'def-9')).toBeUndefined();
    expect(subjectFor(defendantAdapter, hearingEvent, 'case-9', 'def-1')).toBeUndefined();
  });
});
