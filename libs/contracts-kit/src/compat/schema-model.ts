/**
 * One shape for both schema languages a contract may use (XSD, JSON Schema): every element,
 * attribute or property the schema allows, by path, with what constrains it. Compatibility,
 * coverage and the CLI all work on this flat form, so each rule is written once.
 *
 * Paths: XML `/Root/Child/@Attr` (local names; namespaces are compared separately), JSON a
 * JSON pointer with `*` for array items (`/order/offences/*`).
 */
export type SchemaKind = 'xsd' | 'json';

export interface Facets {
  /** Built-in base type(s): `string`, `integer`, `date`, …; JSON types joined with `|`. */
  readonly base?: string;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly minExclusive?: number;
  readonly maxExclusive?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly patterns?: readonly string[];
  readonly enumeration?: readonly string[];
  readonly fixed?: string;
}

export interface SchemaNode {
  readonly path: string;
  readonly kind: 'element' | 'attribute' | 'property';
  /** Namespace URI of an XML element/attribute ('' for none); undefined for JSON. */
  readonly namespace?: string;
  /** minOccurs (attributes: 1 when use="required"; JSON: 1 when required). */
  readonly min: number;
  /** maxOccurs; Infinity for unbounded. */
  readonly max: number;
  readonly facets: Facets;
  /** Whether unknown children are refused (XSD always; JSON when additionalProperties is false). */
  readonly closed: boolean;
  /** Named type, for people reading a report; never compared (renaming a type breaks nobody). */
  readonly typeName?: string;
  /** The type recurses here; its children are listed once, higher up. */
  readonly recursive?: boolean;
}

export interface SchemaModel {
  readonly kind: SchemaKind;
  /** Entry file(s) the model was read from, for reports. */
  readonly source: string;
  readonly roots: readonly string[];
  readonly nodes: ReadonlyMap<string, SchemaNode>;
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '' : path.slice(0, i);
}
