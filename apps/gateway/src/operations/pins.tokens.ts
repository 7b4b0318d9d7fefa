export const PINS = Symbol('PinStore');
export const SHADOW_RESULTS = Symbol('ShadowRepository');
export const PINS_LEDGER = Symbol('LedgerRepository(pins)');
