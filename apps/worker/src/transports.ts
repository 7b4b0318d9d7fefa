import type { PartnerSettings } from '../../../libs/contracts-kit/src/partner-config.js';
import type { ContractRegistry } from '../../../libs/contracts-kit/src/registry.js';
import type { PartnerTransport } from '../../../libs/delivery/src/outcome.js';
import { limitCalls } from '../../../libs/delivery/src/policy/call-limit.js';
import { JsonHttpTransport } from '../../../libs/delivery/src/transports/json-http.transport.js';
import { SoapTransport } from '../../../libs/soap/src/soap.transport.js';

/**
 * The partner's transport follows the kind its pinned contract declares (SOAP or JSON over HTTP),
 * with at most `concurrency` calls at once however many notifications are in flight (ADR 0009).
 */
export function createTransport(partner: PartnerSettings, registry: ContractRegistry): PartnerTransport {
  const kind = registry.get(partner.contract).transport;
  const opts = { url: partner.url, timeoutMs: partner.timeoutMs, connections: partner.concurrency };
  const transport = kind === 'soap' ? new SoapTransport({ ...opts, transientCodes: partner.transientCodes }) : new JsonHttpTransport(opts);
  return limitCalls(transport, partner.concurrency);
}
