import { Controller, type DynamicModule, Get, HttpStatus, Inject, Module, Res, type Type } from '@nestjs/common';
import { PublicRoute } from '@oioo/auth';
import { HEALTH_INDICATORS, type HealthIndicator, type HealthReport, buildHealthReport } from './health-indicator';

const SERVICE_NAME = Symbol('SERVICE_NAME');

/** The part of Express's response the health check sets. */
interface StatusResponse {
  status(code: number): unknown;
}

/** GET /health: 200 with each dependency's state when all are up, 503 with the same body otherwise. */
@Controller('health')
@PublicRoute('health probes of the process supervisor and load balancer')
class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) response: StatusResponse): Promise<HealthReport> {
    const report = await buildHealthReport(this.service, this.indicators);
    // Set here rather than thrown, so the 503 keeps the report (which dependency is down) instead of becoming a problem document.
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

/** The /health endpoint of a service, fed by the indicator providers it names. */
@Module({})
export class HealthModule {
  /** Registers the endpoint; `indicators` are provider classes available in the importing app (their modules are imported too). */
  static forRoot(options: { service: string; imports?: DynamicModule['imports']; indicators: Type<HealthIndicator>[] }): DynamicModule {
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: HEALTH_INDICATORS, useFactory: (...indicators: HealthIndicator[]) => indicators, inject: options.indicators },
      ],
    };
  }
}
