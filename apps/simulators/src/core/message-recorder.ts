import type { Problem } from '../../../../libs/domain/src/errors/problem.js';

export interface ReceivedMessage {
  readonly seq: number;
  readonly messageId: string | undefined;
  readonly receivedAt: string;
  readonly raw: string;
  readonly valid: boolean;
  readonly problems: readonly Problem[];
  /** Reference issued, for accepted messages. */
  readonly reference?: string;
  /** Injected business rejection code, if one was played. */
  readonly rejectCode?: number;
  /** Times the same messageId came again after acceptance. */
  duplicates: number;
}

export interface RecorderStats {
  readonly received: number;
  readonly unique: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly rejected: number;
  readonly faulted: number;
  readonly retained: number;
}

/**
 * Bounded memory of what a partner received. Counts are exact for the life of the process; the
 * message bodies kept are the most recent `capacity` (a ring), so a soak test cannot exhaust memory
 * through the recorder alone. Accepted message ids are remembered with the same bound for dedupe.
 */
export class MessageRecorder {
  private ring: (ReceivedMessage | undefined)[] = [];
  private next = 0;
  private seq = 0;
  private readonly accepted = new Map<string, ReceivedMessage>();
  private counts = { received: 0, unique: 0, duplicates: 0, invalid: 0, rejected: 0, faulted: 0 };

  constructor(readonly capacity: number) {}

  /** The accepted record for this id, if any (the dedupe lookup). */
  acceptedFor(messageId: string | undefined): ReceivedMessage | undefined {
    return messageId === undefined ? undefined : this.accepted.get(messageId);
  }

  recordDuplicate(original: ReceivedMessage): void {
    this.counts.received++;
    this.counts.duplicates++;
    original.duplicates++;
  }

  record(m: Omit<ReceivedMessage, 'seq' | 'duplicates' | 'receivedAt'>): ReceivedMessage {
    // Not `{ ...m, seq, … }`: a literal that starts with a spread and then adds keys takes a slow
    // path in this V8 (≈ 1 µs a key, BENCHMARKS.md); leading with a key of its own does not.
    const rec: ReceivedMessage = { seq: ++this.seq, ...m, receivedAt: new Date().toISOString(), duplicates: 0 };
    this.counts.received++;
    if (!rec.valid) this.counts.invalid++;
    else if (rec.rejectCode !== undefined) this.counts.rejected++;
    else this.counts.unique++;
    const evicted = this.ring[this.next];
    if (evicted?.messageId !== undefined && this.accepted.get(evicted.messageId) === evicted) this.accepted.delete(evicted.messageId);
    this.ring[this.next] = rec;
    this.next = (this.next + 1) % this.capacity;
    if (rec.valid && rec.reference !== undefined && rec.messageId !== undefined) this.accepted.set(rec.messageId, rec);
    return rec;
  }

  countFault(): void {
    this.counts.faulted++;
  }

  /** Newest first; filtered by messageId when given. */
  list(messageId: string | undefined, limit: number): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    const n = this.ring.length;
    for (let i = 1; i <= n && out.length < limit; i++) {
      const rec = this.ring[(this.next - i + n) % n];
      if (rec && (messageId === undefined || rec.messageId === messageId)) out.push(rec);
    }
    return out;
  }

  stats(): RecorderStats {
    return { ...this.counts, retained: this.ring.length };
  }

  reset(): void {
    this.ring = [];
    this.next = 0;
    this.accepted.clear();
    this.counts = { received: 0, unique: 0, duplicates: 0, invalid: 0, rejected: 0, faulted: 0 };
  }
}
