import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InboundRuntime } from './inbound.runtime.js';
import { soapFault } from './soap-replies.js';
import { isXmlBody } from './xml-body.parser.js';

/**
 * The SPI SOAP endpoint, one path per contract version (/inbound/spi/v1). Not under /v1/**: the
 * sender authenticates inside the message (WS-Security), not with an API key. Always answers XML.
 */
@ApiExcludeController()
@Controller('inbound/spi')
export class InboundSpiController {
  constructor(@Inject(InboundRuntime) private readonly runtime: InboundRuntime) {}

  @Get(':version')
  wsdl(@Param('version') version: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (!Object.hasOwn(query, 'wsdl') || !this.runtime.versions.includes(version) || !this.runtime.wsdl) {
      return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Not Found: GET /inbound/spi/<version>?wsdl');
    }
    const address = `${req.protocol}://${req.headers.host ?? 'localhost'}/inbound/spi/${version}`;
    return reply.code(200).header('content-type', 'text/xml; charset=utf-8').send(this.runtime.wsdl.render(address));
  }

  @Post(':version')
  async submit(@Param('version') version: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const processor = this.runtime.processor;
    const send = (r: { status: number; contentType: string; body: string }, close = false) =>
      reply.code(r.status).header('content-type', r.contentType).header('connection', close ? 'close' : 'keep-alive').send(r.body);
    if (!this.runtime.versions.includes(version)) return send({ ...soapFault('Client', 'INBOUND.UNKNOWN_VERSION', `no SPI inbound contract version ${version}`), status: 404 });
    if (!processor) return send(soapFault('Server', 'CONTRACT.SCHEMA_MISSING', 'the SPI inbound contract is disabled: its schemas are missing', true));
    const body = req.body;
    if (!isXmlBody(body)) return send({ ...soapFault('Client', 'SOAP.UNSUPPORTED_MEDIA_TYPE', 'send the SOAP 1.1 envelope as text/xml'), status: 415 });
    const soapAction = req.headers.soapaction;
    try {
      const out = await processor.process({
        raw: body.raw,
        tooLarge: body.tooLarge,
        contentType: String(req.headers['content-type'] ?? ''),
        soapAction: Array.isArray(soapAction) ? soapAction[0] : soapAction,
        remoteAddr: req.ip,
      });
      return send(out, body.tooLarge);
    } catch (e) {
      this.runtime.log.error({ code: 'INBOUND.INTERNAL', err: (e as Error).message }, 'inbound SPI failed');
      return send(soapFault('Server', 'INBOUND.INTERNAL', 'internal error; send the message again later', true));
    }
  }
}
