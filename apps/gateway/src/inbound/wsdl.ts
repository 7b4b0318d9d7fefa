import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument, XsdValidator as LibXsdValidator } from 'libxml2-wasm';
import { problem, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import { xmlDocumentOf } from '../../../../libs/xml/src/xsd-validator.js';

export const SPI_WSDL_FILE = 'cp-spi-staging/wsdl/spi.wsdl';

export interface SpiWsdl {
  /** The real WSDL with its service address pointing at `address`. */
  render(address: string): string;
  /** Validates one SubmitRequestMes document against the schema embedded in the WSDL's <types>. */
  validateMessage(xml: string): Problem[];
}

/** Read the real spi.wsdl in place once; its embedded schema is compiled once (libxml2). */
export function loadSpiWsdl(schemaRoot: string): SpiWsdl {
  const path = join(schemaRoot, SPI_WSDL_FILE);
  if (!existsSync(path)) throw new CodedError('CONTRACT.SCHEMA_MISSING', `SPI WSDL ${path} is missing (set CP_BRIDGE_SCHEMA_ROOT)`);
  const text = readFileSync(path, 'utf8');
  const schemaText = /<schema\b[\s\S]*<\/schema>/.exec(text)?.[0];
  if (!schemaText) throw new CodedError('CONTRACT.SCHEMA_MISSING', `${path} has no embedded schema`);
  const doc = XmlDocument.fromString(schemaText);
  const schema = LibXsdValidator.fromDoc(doc);
  doc.dispose();
  return {
    render: (address) => text.replace(/(<wsdlsoap:address\s+location=")[^"]*(")/, (_m, a: string, b: string) => a + address.replace(/"/g, '&quot;') + b),
    validateMessage(xml) {
      let d: XmlDocument;
      try {
        d = xmlDocumentOf(xml);
      } catch (e) {
        return [problem('XML.NOT_WELL_FORMED', '/', (e as Error).message)];
      }
      try {
        schema.validate(d);
        return [];
      } catch (e) {
        const details = (e as { details?: { message: string; line: number }[] }).details ?? [];
        return details.length ? details.map((x) => problem('SOAP.SCHEMA_INVALID', `line ${x.line}`, x.message.trim())) : [problem('SOAP.SCHEMA_INVALID', '/', (e as Error).message)];
      } finally {
        d.dispose();
      }
    },
  };
}
