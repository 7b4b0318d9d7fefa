import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadApiClients } from './api-clients.js';
import { API_CLIENTS, ApiKeyGuard } from './api-key.guard.js';

/** Platform API authentication: configured clients, enforced on /v1/** by a global guard. */
@Module({
  providers: [
    { provide: API_CLIENTS, useFactory: () => loadApiClients() },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
export class AuthModule {}
