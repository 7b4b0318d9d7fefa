// A minimal CJSE SubmitRequestMes responder (no validation), run as its own process, so the
// sender benchmark measures the senders rather than the simulator's XSD checks.
import { createServer } from 'node:http';

const reply = (id) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SubmitResponseMes xmlns="http://schemas.cjse.gov.uk/endpoint/types/"><RequestID>${id}</RequestID><ResponseCode>1</ResponseCode><ResponseText>Success</ResponseText></SubmitResponseMes></soap:Body></soap:Envelope>`;
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const id = /<(?:\w+:)?RequestID>([^<]*)</.exec(body)?.[1] ?? 'none';
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(reply(id));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 4999), '127.0.0.1', () => process.send?.('ready'));
