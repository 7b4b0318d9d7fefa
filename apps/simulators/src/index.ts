export { createSimulatorsApp, type SimulatorsOptions } from './simulators.app.js';
export type { SimulatedPartner, SimReply, SimRequest, Inspection } from './core/simulated-partner.js';
export type { Faults } from './core/faults.js';
