import type { MessageContext, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { escapeXml, escapeXmlTwice } from '../../../libs/xml/src/xml-text.js';

/**
 * The CJSE layers around a ResultedCaseMessage, shaped like the platform's own output
 * (expectedSpiOutOiPayload.xml inside expectedSPIOutPayload.xml): the business message is
 * XML-escaped into RouteData/DataStream/DataStreamContent, and the RouteData is XML-escaped again
 * into the SOAP 1.1 SubmitRequestMes/Message. The message id is the RequestID, CorrelationID and
 * SystemDataStreamID, so a resend is recognisably the same message.
 */
export const SUBMIT_ACTION = 'http://schemas.cjse.gov.uk/endpoint/wsdl/submit';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export const ENVELOPE_DEFAULTS = {
  sourceId: 'C00CommonPlatform',
  destinationId: 'Z00CJSE',
  execMode: 'ASYNCH',
  routeDestinationSystem: '00501PoliceCaseSystem',
  dataStreamType: 'SPIResults',
} as const;

function setting(ctx: MessageContext, key: keyof typeof ENVELOPE_DEFAULTS): string {
  return ctx.settings?.[key] ?? ENVELOPE_DEFAULTS[key];
}

/**
 * RouteData (cjseOperations.xsd) around its DataStreamContent, as the text before and after it;
 * OU and data controller only when configured.
 */
function routeDataAround(ctx: MessageContext): readonly [string, string] {
  const source = setting(ctx, 'sourceId');
  const ou = ctx.settings?.organizationalUnitId;
  const controller = ctx.settings?.dataController;
  const id = escapeXml(ctx.messageId);
  return [
    `${XML_DECL}<RouteData VersionNumber="1.0" RequestResponse="Request" xmlns="http://schemas.cjse.gov.uk/common/operations" xmlns:ns2="http://schemas.cjse.gov.uk/common/businessentities" xmlns:ns3="http://schemas.cjse.gov.uk/common/businesstypes">` +
      `<RequestFromSystem VersionNumber="1.0"><CorrelationID>${id}</CorrelationID><SystemID>${escapeXml(source)}</SystemID>` +
      (ou ? `<OrganizationalUnitID>${escapeXml(ou)}</OrganizationalUnitID>` : '') +
      (controller ? `<DataController>${escapeXml(controller)}</DataController>` : '') +
      '</RequestFromSystem>' +
      `<DataStream VersionNumber="1.0"><ns2:System>${escapeXml(source)}</ns2:System><ns2:DataStreamType>${escapeXml(setting(ctx, 'dataStreamType'))}</ns2:DataStreamType>` +
      `<ns2:SystemDataStreamID>${id}</ns2:SystemDataStreamID><ns2:ContentType>text/xml</ns2:ContentType><ns2:DataStreamContent>`,
    '</ns2:DataStreamContent></DataStream>' +
      `<Routes VersionNumber="1.0"><Route VersionNumber="1.0"><RouteID>1</RouteID><RouteSourceSystem>${escapeXml(source)}</RouteSourceSystem>` +
      `<RouteDestinationSystem>${escapeXml(setting(ctx, 'routeDestinationSystem'))}</RouteDestinationSystem></Route></Routes></RouteData>`,
  ];
}

/** RouteData carrying the document (escaped once). */
export function buildRouteData(document: string, ctx: MessageContext): string {
  const [head, tail] = routeDataAround(ctx);
  return head + escapeXml(XML_DECL + document) + tail;
}

/**
 * The RouteData already escaped for SubmitRequestMes/Message: the same text as
 * `escapeXml(buildRouteData(document, ctx))`, but the document — nearly all of it — is escaped
 * twice in one pass instead of escaped and then escaped again with the RouteData around it.
 */
function escapedRouteData(document: string, ctx: MessageContext): string {
  const [head, tail] = routeDataAround(ctx);
  return escapeXml(head) + escapeXmlTwice(XML_DECL + document) + escapeXml(tail);
}

export function buildSubmitRequest(routeData: string, ctx: MessageContext): string {
  return submitRequestAround(escapeXml(routeData), ctx);
}

function submitRequestAround(escapedMessage: string, ctx: MessageContext): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SubmitRequestMes xmlns="http://schemas.cjse.gov.uk/endpoint/types/">' +
    `<RequestID>${escapeXml(ctx.messageId)}</RequestID><SourceID>${escapeXml(setting(ctx, 'sourceId'))}</SourceID><DestinationID>${escapeXml(setting(ctx, 'destinationId'))}</DestinationID>` +
    `<ExecMode>${escapeXml(setting(ctx, 'execMode'))}</ExecMode><Timestamp>${escapeXml(ctx.now)}</Timestamp><Message>${escapedMessage}</Message>` +
    '</SubmitRequestMes></soap:Body></soap:Envelope>'
  );
}

export function envelope(document: string, ctx: MessageContext): RenderedMessage {
  return { document, payload: submitRequestAround(escapedRouteData(document, ctx), ctx), contentType: 'text/xml; charset=utf-8', action: SUBMIT_ACTION };
}
