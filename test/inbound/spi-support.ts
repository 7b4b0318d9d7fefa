import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot } from '../../libs/contracts-kit/src/paths.js';
import { passwordDigest, WSSE_NS, WSU_NS } from '../../apps/gateway/src/inbound/ws-security.js';
import { CJSE_SUBMIT_ACTION } from '../../libs/soap/src/cjse-response.js';
import { escapeXml } from '../../libs/soap/src/xml-tree.js';

export const USER = 'cjse-police';
export const PASSWORD = 'dev-only-cjse-password';
export const SPI = join(fixturesRoot(), 'cp-spi-staging', 'spi-in');
export const readSpi = (rel: string): string => readFileSync(join(SPI, rel), 'utf8');

export interface TokenOptions {
  readonly user?: string;
  readonly password?: string;
  readonly nonce?: string;
  readonly created?: string;
}

/** A wsse:Security header with a UsernameToken PasswordDigest, as node-soap's WSSecurity writes it. */
export function securityHeader(o: TokenOptions = {}): string {
  const nonce = o.nonce ?? randomBytes(16).toString('base64');
  const created = o.created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const digest = passwordDigest(nonce, created, o.password ?? PASSWORD);
  return (
    `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}"><wsse:UsernameToken><wsse:Username>${o.user ?? USER}</wsse:Username>` +
    `<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${digest}</wsse:Password>` +
    `<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}

/** SubmitRequestMes around a RouteData document (escaped once, as the WSDL's string Message wants). */
export function submitEnvelope(routeData: string, o: { requestId?: string; header?: string; envNs?: string } = {}): string {
  const ns = o.envNs ?? 'http://schemas.xmlsoap.org/soap/envelope/';
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${ns}"><soap:Header>${o.header ?? securityHeader()}</soap:Header><soap:Body>` +
    `<t:SubmitRequestMes xmlns:t="http://schemas.cjse.gov.uk/endpoint/types/"><t:RequestID>${o.requestId ?? `REQ-${randomBytes(4).toString('hex')}`}</t:RequestID>` +
    `<t:SourceID>Z00CJSE</t:SourceID><t:DestinationID>C00CommonPlatform</t:DestinationID><t:ExecMode>ASYNCH</t:ExecMode>` +
    `<t:Timestamp>2026-11-02T10:00:00Z</t:Timestamp><t:Message>${escapeXml(routeData)}</t:Message></t:SubmitRequestMes></soap:Body></soap:Envelope>`
  );
}

/** A real fixture envelope (mdi-errors, namespace-prefix) with a WS-Security header added, nothing else changed. */
export function withSecurity(envelope: string, header = securityHeader()): string {
  return envelope.replace(/<([A-Za-z0-9]+):Body>/, (m, p: string) => `<${p}:Header>${header}</${p}:Header>${m}`);
}

export interface Posted {
  readonly status: number;
  readonly text: string;
  readonly responseCode?: number;
  readonly faultCode?: string;
  readonly code?: string;
}

export async function post(base: string, body: string, headers: Record<string, string> = {}): Promise<Posted> {
  const res = await fetch(`${base}/inbound/spi/v1`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${CJSE_SUBMIT_ACTION}"`, ...headers }, body });
  const text = await res.text();
  const rc = /<ResponseCode>(-?\d+)<\/ResponseCode>/.exec(text)?.[1];
  return {
    status: res.status,
    text,
    ...(rc ? { responseCode: Number(rc) } : {}),
    ...(/<faultcode>([^<]+)<\/faultcode>/.exec(text) ? { faultCode: /<faultcode>([^<]+)<\/faultcode>/.exec(text)![1] } : {}),
    ...(/<cpb:code>([^<]+)<\/cpb:code>/.exec(text) ? { code: /<cpb:code>([^<]+)<\/cpb:code>/.exec(text)![1] } : {}),
  };
}
