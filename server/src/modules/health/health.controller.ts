import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { Access } from '../../http/access.decorator.js';
import { healthSchema } from '../../http/openapi-schemas.js';
import { writeHeartbeat } from './heartbeat.js';

/** A write probe at most this often; between probes, the outcome of the app's own writes counts. */
const PROBE_EVERY_MS = 2000;

@ApiTags('health')
@Access('public')
@Controller('health')
export class HealthController {
  private probe: { at: number; done: Promise<void> } | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Sans compte. 200 `{status: "ok", database}` quand la base répond et accepte les écritures ; 503 `{status: "degraded", writes: "failing", since, error}` quand les écritures échouent (disque plein, fichier en lecture seule…).',
  })
  @ApiOkResponse({ schema: healthSchema })
  @ApiServiceUnavailableResponse({ schema: healthSchema })
  async health(@Res({ passthrough: true }) res: Response) {
    const database = this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    await this.probeWrites();
    const writes = this.uow.writeHealth();
    if (writes.ok) return { status: 'ok', database };
    res.status(503);
    return { status: 'degraded', database, writes: 'failing', since: writes.failingSince, error: writes.lastError };
  }

  /**
   * A read proves little (a full disk still answers it): one small committed write through the same
   * unit of work as every save, shared by concurrent checks and done at most every PROBE_EVERY_MS, tells
   * whether writes work now, and so also notices when they work again.
   */
  private probeWrites(): Promise<void> {
    const now = Date.now();
    if (this.probe && now - this.probe.at < PROBE_EVERY_MS) return this.probe.done;
    const done = writeHeartbeat(this.uow).catch(() => undefined); // the failure is in the write health
    this.probe = { at: now, done };
    return done;
  }
}
