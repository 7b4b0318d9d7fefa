import { PartnerRegistry } from './core/partner-registry.service.js';
import { createSimulatorsApp } from './simulators.app.js';

/** Standalone simulators: PORT (default 4100), HOST (default 0.0.0.0), SIM_FAULTS, SIM_RECORD_LIMIT, LOG_LEVEL. */
const port = Number(process.env.PORT ?? 4100);
const host = process.env.HOST ?? '0.0.0.0';
const app = await createSimulatorsApp();
await app.listen(port, host);
app.enableShutdownHooks();
app.get(PartnerRegistry).log.info({ host, port, partners: app.get(PartnerRegistry).all().map((r) => r.partner.route) }, 'simulators listening (GET /_sim lists partners)');
