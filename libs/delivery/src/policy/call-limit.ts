import { bulkhead } from 'cockatiel';
import type { PartnerTransport } from '../outcome.js';

/**
 * At most `calls` sends to the partner at once (cockatiel's bulkhead); the rest wait here, in
 * arrival order, before the transport is called — so a transport's timeout measures the partner,
 * not the wait for a free slot. The queue is unbounded here because the worker bounds it: a
 * process never holds more sends than its in-flight notifications for the partner (ADR 0009).
 */
export function limitCalls(transport: PartnerTransport, calls: number): PartnerTransport {
  const policy = bulkhead(calls, Number.POSITIVE_INFINITY);
  return {
    send: (message) => policy.execute(() => transport.send(message)),
    close: () => transport.close(),
  };
}
