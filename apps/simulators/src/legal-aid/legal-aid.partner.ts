import { validateDocument } from '../../../../contracts/legal-aid-outcomes/v1/schema.js';
import type { SimulatedPartner } from '../core/simulated-partner.js';
import { createJsonPartner } from '../prison/prison.partner.js';

/**
 * The Legal Aid Agency's court data adaptor (legal-aid-outcomes@v1): POST /legal-aid/hearings with
 * CP hearing JSON. The hearing carries no message id of its own: dedupe is by Idempotency-Key,
 * else by hearing id + defendant ids (one message per legally aided defendant).
 */
export function createLegalAidPartner(route = '/legal-aid/hearings'): SimulatedPartner {
  return createJsonPartner({
    name: 'legal-aid',
    route,
    referencePrefix: 'MAAT',
    validate: validateDocument,
    ownId: (b) => {
      const hearing = b.hearing as { id?: unknown; prosecutionCases?: { defendants?: { id?: unknown }[] }[] } | undefined;
      if (typeof hearing?.id !== 'string') return undefined;
      const ids = (hearing.prosecutionCases ?? []).flatMap((c) => (c.defendants ?? []).map((d) => String(d.id)));
      return `${hearing.id}|${ids.join(',')}`;
    },
  });
}
