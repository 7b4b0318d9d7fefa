import type { EnrichmentNeed } from '../../../../libs/contracts-kit/src/adapter.js';

export type EnrichmentResolution =
  | { readonly ok: true; readonly enrichment: Readonly<Record<string, unknown>> }
  /** Not resolved now (source down, timeout, server error): a transport fault, retried; parks ENRICHMENT.UNRESOLVED when retries run out. */
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * The worker's port to the data a contract needs beyond the hearing (e.g. the prosecution case
 * file's offence locations). Resolves every need of one notification or says why not.
 */
export interface EnrichmentPort {
  resolve(partner: string, needs: readonly EnrichmentNeed[]): Promise<EnrichmentResolution>;
}
