import type { EmOrderNotification } from './wire.js';

/**
 * The business document: `{ deviceWearer, order }` as JSON text. Keys keep the contractor's order
 * (insertion order of the wire objects) so a human diffing against the contractor's examples
 * sees the same layout. The layout tag is ours and stays out of the document.
 */
export function serialize(wire: EmOrderNotification): string {
  return JSON.stringify({ deviceWearer: wire.deviceWearer, order: wire.order });
}
