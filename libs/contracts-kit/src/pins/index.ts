export { PinStore, type PinAuditSink, type PinLog, type PinStoreOptions, type ReloadResult } from './pin-store.js';
export { describeChange, diffPins, loadPinSnapshot, type PinChange, type PinSnapshot } from './pin-snapshot.js';
