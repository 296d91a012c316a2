import { type TestingModule } from '@nestjs/testing';
import { Topics } from '@oioo/contracts';
import { EventConsumer } from '@oioo/kafka';
import { TestIssuer } from '@oioo/testing';
import { identityAppBuilder } from './test-support/identity-app-builder';

let moduleRef: TestingModule;
let issuer: TestIssuer;

beforeAll(async () => {
  // The app verifies access tokens (OIDC_*), read when it is created.
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  moduleRef = await identityAppBuilder().compile();
  await moduleRef.init();
}, 60_000);

afterAll(async () => {
  await moduleRef?.close();
  await issuer?.stop();
});

describe('IdentityAppModule', () => {
  it("subscribes identity's consumer to the arrivals and to the legal route's submissions, presence confirmations and biometrics", () => {
    expect([...moduleRef.get(EventConsumer).topics()].sort()).toEqual(
      [Topics.arrivalRecorded.name, Topics.eoiSubmitted.name, Topics.presenceConfirmed.name, Topics.biometricsCaptured.name].sort(),
    );
  });
});
