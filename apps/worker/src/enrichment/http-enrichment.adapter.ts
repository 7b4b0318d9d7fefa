import { request } from 'undici';
import type { EnrichmentNeed } from '../../../../libs/contracts-kit/src/adapter.js';
import type { EnrichmentPort, EnrichmentResolution } from './enrichment.port.js';

export interface HttpEnrichmentOptions {
  /** partner → kind → base URL (the need's key is appended as a path segment). */
  readonly sources: (partner: string) => Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * The enrichment port over HTTP: GET <base>/<key>, as the platform queries its prosecution case
 * file (prosecutioncasefile.query.case). 200 → the JSON; 404 → resolved as "none" (null: the
 * platform then sends no locations, ProsecutionCaseFileService with a null case); anything else,
 * a timeout or no connection → not resolved (a transport fault the dispatcher retries). A kind with
 * no configured source is resolved as absent: the contract maps without it (said at start).
 */
export class HttpEnrichmentAdapter implements EnrichmentPort {
  constructor(private readonly options: HttpEnrichmentOptions) {}

  async resolve(partner: string, needs: readonly EnrichmentNeed[]): Promise<EnrichmentResolution> {
    const sources = this.options.sources(partner);
    const enrichment: Record<string, unknown> = {};
    for (const need of needs) {
      const base = sources[need.kind];
      if (!base) continue;
      const url = `${base.replace(/\/$/, '')}/${encodeURIComponent(need.key)}`;
      try {
        const timeout = this.options.timeoutMs ?? 5000;
        const res = await request(url, { method: 'GET', headers: { accept: 'application/json' }, headersTimeout: timeout, bodyTimeout: timeout });
        const text = await res.body.text();
        if (res.statusCode === 404) enrichment[need.kind] = null;
        else if (res.statusCode === 200) enrichment[need.kind] = JSON.parse(text) as unknown;
        else return { ok: false, code: 'ENRICHMENT.UNAVAILABLE', message: `${need.kind} ${need.key}: HTTP ${res.statusCode} from ${url}` };
      } catch (e) {
        return { ok: false, code: 'ENRICHMENT.UNAVAILABLE', message: `${need.kind} ${need.key}: ${(e as Error).message} (${url})` };
      }
    }
    return { ok: true, enrichment };
  }
}
