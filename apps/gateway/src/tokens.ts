/** Injection tokens for the ports the gateway's use-cases depend on. */
export const LEDGER = Symbol('LedgerRepository');
export const REGISTRY = Symbol('ContractRegistry');
export const PARTNERS = Symbol('PartnersConfig');
export const LOGGER = Symbol('Logger');
export const URGENCY = Symbol('UrgencyTable');
