import { Module, type DynamicModule } from '@nestjs/common';
import { PartnerRegistry, SIM_OPTIONS, type SimulatorsOptions } from './core/partner-registry.service.js';
import { SimAdminController } from './core/sim-admin.controller.js';

@Module({})
export class SimulatorsModule {
  static forRoot(options: SimulatorsOptions = {}): DynamicModule {
    return {
      module: SimulatorsModule,
      controllers: [SimAdminController],
      providers: [{ provide: SIM_OPTIONS, useValue: options }, PartnerRegistry],
      exports: [PartnerRegistry],
    };
  }
}
