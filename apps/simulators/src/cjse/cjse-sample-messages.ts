import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixturesRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { CJSE_TYPES_NS } from '../../../../libs/soap/src/cjse-response.js';
import { buildSoap11Envelope } from '../../../../libs/soap/src/soap11-envelope.js';
import { escapeXml } from '../../../../libs/soap/src/xml-tree.js';

/**
 * Sample CJSE traffic for specs and demos, built around real fixtures read in place (never copied):
 * the platform's expected ResultedCaseMessage, escaped into RouteData, escaped into SubmitRequestMes.
 */
export function fixture(rel: string): string {
  return readFileSync(resolve(fixturesRoot(), rel), 'utf8');
}

export const RESULTED_CASE = 'cp-spi-staging/results/expected/expectedResultedCaseMessage.xml';
/** Real OI RouteData whose escaped ResultedCaseMessage is not well-formed ("&lt;&lt;ModeOfTrial"). */
export const MALFORMED_OI_PAYLOAD = 'cp-spi-staging/results/expected/expectedSpiOutOiPayload.xml';

/** Real OI RouteData (escaped ResultedCaseMessage) that is well-formed and valid against both XSDs. */
export const VALID_OI_PAYLOAD = 'cp-spi-staging/results/expected/expectedSpiOutOiPayloadWithEmail.xml';

export function routeDataAround(document: string, id: string, opts: { dataStreamType?: string; routeDestination?: string } = {}): string {
  return (
    '<RouteData VersionNumber="1.0" RequestResponse="Request" xmlns="http://schemas.cjse.gov.uk/common/operations" xmlns:ns2="http://schemas.cjse.gov.uk/common/businessentities">' +
    `<RequestFromSystem VersionNumber="1.0"><CorrelationID>${escapeXml(id)}</CorrelationID><SystemID>C00CommonPlatform</SystemID></RequestFromSystem>` +
    `<DataStream VersionNumber="1.0"><ns2:System>C00CommonPlatform</ns2:System><ns2:DataStreamType>${opts.dataStreamType ?? 'SPIResults'}</ns2:DataStreamType>` +
    `<ns2:SystemDataStreamID>${escapeXml(id)}</ns2:SystemDataStreamID><ns2:ContentType>text/xml</ns2:ContentType>` +
    `<ns2:DataStreamContent>${escapeXml(document)}</ns2:DataStreamContent></DataStream>` +
    '<Routes VersionNumber="1.0"><Route VersionNumber="1.0"><RouteID>1</RouteID><RouteSourceSystem>C00CommonPlatform</RouteSourceSystem>' +
    `<RouteDestinationSystem>${opts.routeDestination ?? '00501PoliceCaseSystem'}</RouteDestinationSystem></Route></Routes></RouteData>`
  );
}

export function submitRequestMes(routeData: string, requestId: string): string {
  return (
    `<SubmitRequestMes xmlns="${CJSE_TYPES_NS}"><RequestID>${escapeXml(requestId)}</RequestID><SourceID>C00CommonPlatform</SourceID>` +
    `<DestinationID>Z00CJSE</DestinationID><ExecMode>ASYNCH</ExecMode><Timestamp>2026-11-02T10:00:00Z</Timestamp>` +
    `<Message>${escapeXml(routeData)}</Message></SubmitRequestMes>`
  );
}

/** A valid SubmitRequestMes envelope for `id`, with wsa:MessageID when `withMessageId`. */
export function validSubmitEnvelope(id: string, withMessageId = false): string {
  const body = submitRequestMes(routeDataAround(fixture(RESULTED_CASE), id), id);
  return buildSoap11Envelope(body, withMessageId ? { messageId: id } : {});
}
