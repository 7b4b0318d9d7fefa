/**
 * The transitional processes this inbound version implements (id + one-line purpose), in the same
 * form as the outbound contracts' rule catalogues. Each is applied in to-domain.mapper.ts where
 * its id appears.
 */
export const SPI_INBOUND_RULES = [
  { id: 'TP-IN-001', purpose: 'Case header: PTIURN, originating and CPS organisations, initiation code, initial hearing, police system id from DataStream/System' },
  { id: 'TP-IN-002', purpose: 'xs:time with fractional seconds and offset (09:00:00.0000000-00:00) becomes HH:MM:SS.mmm as the platform stores it' },
  { id: 'TP-IN-003', purpose: 'Officer in case: name, rank, reference, location, address; telephone, fax and e-mail flattened onto the officer' },
  { id: 'TP-IN-004', purpose: 'BS7666 address elements to camel-case keys (PostCode → postcode), text kept untrimmed as sent' },
  { id: 'TP-IN-005', purpose: 'Individual defendant: person details, bail conditions, language options, driver licence issue, ethnicity, occupation, aliases' },
  { id: 'TP-IN-006', purpose: 'Observed ethnicity 9 (not recorded) is sent to the platform as 0, as the real expected CP JSON shows' },
  { id: 'TP-IN-007', purpose: 'Offences: sequence number and date code as numbers, start/end timing, charge date, location, prosecution facts' },
  { id: 'TP-IN-008', purpose: 'Defendant id: deterministic UUID from correlation id and prosecutor reference, so a re-send maps to the same id' },
  { id: 'TP-IN-009', purpose: 'Corporate defendant: organisation name and address' },
] as const;

export type SpiInboundRuleId = (typeof SPI_INBOUND_RULES)[number]['id'];
