import { Controller, Get, Global, type INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule } from '@oioo/auth';
import { TestIssuer } from '@oioo/testing';
import type { HealthIndicator } from './health-indicator';
import { HealthModule } from './health.module';

/** A dependency whose state the test sets. */
@Injectable()
class SwitchableIndicator implements HealthIndicator {
  static up = true;
  readonly name = 'database';
  isHealthy(): boolean {
    return SwitchableIndicator.up;
  }
}

/** Where the indicator comes from, as the platform's global modules provide theirs. */
@Global()
@Module({ providers: [SwitchableIndicator], exports: [SwitchableIndicator] })
class IndicatorModule {}

/** A route someone forgot to give a policy: the guard must close it. */
@Controller('forgotten')
class ForgottenController {
  @Get()
  open(): string {
    return 'should never be answered';
  }
}

let issuer: TestIssuer;
let app: INestApplication;
let baseUrl: string;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  // As ServicePlatformModule wires them: the access guard and problem documents beside /health.
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot({ service: 'probe' }), IndicatorModule, HealthModule.forRoot({ service: 'probe', indicators: [SwitchableIndicator] })],
    controllers: [ForgottenController],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await issuer?.stop();
});

afterEach(() => {
  SwitchableIndicator.up = true;
});

describe('GET /health behind the access guard', () => {
  it('answers 200 with the report to anyone, without a token', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: 'ok', service: 'probe', checks: { database: 'up' } });
  });

  it('answers 503 with the same report, naming the dependency that is down, not a problem document', async () => {
    SwitchableIndicator.up = false;
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(503);
    await expect(response.json()).resolves.toEqual({ status: 'degraded', service: 'probe', checks: { database: 'down' } });
  });

  it('leaves a route without a policy closed, even to a valid platform token', async () => {
    const response = await fetch(`${baseUrl}/forgotten`, { headers: { authorization: `Bearer ${await issuer.serviceToken('svc-worker')}` } });
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toMatchObject({ code: 'NO_ACCESS_POLICY' });
  });
});
