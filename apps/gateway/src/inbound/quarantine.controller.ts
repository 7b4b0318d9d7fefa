import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import { InboundRuntime } from './inbound.runtime.js';

@ApiTags('platform')
@Controller('v1/quarantine')
export class QuarantineController {
  constructor(@Inject(InboundRuntime) private readonly runtime: InboundRuntime) {}

  @Get()
  @ApiOperation({ summary: 'Refused inbound messages: layer and code that refused them, sender, time, size (newest first)' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'sender', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@Query('status') status?: string, @Query('code') code?: string, @Query('sender') sender?: string, @Query('limit') limit?: string) {
    const items = await this.runtime.quarantine.list({ status, code, sender, limit: limit ? Number(limit) : 100 });
    return { items };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One refused message with its raw bytes (base64) and every problem found' })
  async get(@Param('id') id: string) {
    const e = await this.runtime.quarantine.get(id);
    if (!e) throw new CodedError('QUARANTINE.NOT_FOUND', `no quarantined message ${id}`);
    const { raw, ...rest } = e;
    return { ...rest, rawBase64: raw?.toString('base64') ?? '' };
  }
}
