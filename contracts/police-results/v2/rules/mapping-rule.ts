import type { Problem } from '../../../../libs/domain/src/errors/problem.js';

/**
 * One mapping rule, named after the transitional process (TP) of the platform's SPI adapter it
 * replaces, so a catalogue can list what the contract does straight from code.
 */
export interface MappingRule<I, O> {
  readonly id: string;
  readonly purpose: string;
  readonly apply: (input: I, problems: Problem[], path: string) => O;
}

export function rule<I, O>(id: string, purpose: string, apply: MappingRule<I, O>['apply']): MappingRule<I, O> {
  return { id, purpose, apply };
}

/** Truncate to the schema's length, as the platform's adapter does (StringUtils.left). */
export function left(value: string | undefined, max: number): string | undefined {
  return value === undefined || value === null ? undefined : value.slice(0, max);
}
