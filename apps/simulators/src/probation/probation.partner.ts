import { validateDocument } from '../../../../contracts/probation-orders/v1/schema.js';
import type { SimulatedPartner } from '../core/simulated-partner.js';
import { createJsonPartner } from '../prison/prison.partner.js';

/** Probation's court-order endpoint (probation-orders@v1): POST /probation/court-orders. */
export function createProbationPartner(route = '/probation/court-orders'): SimulatedPartner {
  return createJsonPartner({
    name: 'probation',
    route,
    referencePrefix: 'DELIUS',
    validate: validateDocument,
    ownId: (b) => (typeof b.messageId === 'string' && b.messageId.trim() ? b.messageId.trim() : undefined),
  });
}
