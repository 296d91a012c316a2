import { startNodeComponent } from '../../stack/components';
import { assertPortFree, isHttpHealthy, waitUntil } from '../../stack/ports';
import type { StackProfile } from '../../stack/stack-profile';
import type { SupervisedProcess } from '../../stack/supervised-process';
import { temporalUiBackendUrl } from '../dev-server';

/** The gateway's variables for a profile: its port, the UI behind it, and the casework service's codec and API. */
export function uiGatewayEnvironment(profile: StackProfile, caseworkUrl: string): NodeJS.ProcessEnv {
  return {
    UI_GATEWAY_PORT: String(profile.temporal.uiPort),
    TEMPORAL_UI_BACKEND_URL: temporalUiBackendUrl(profile),
    CODEC_SERVER_URL: `${caseworkUrl}/codec`,
    CASEWORK_API_URL: caseworkUrl,
  };
}

/** Starts the Web UI's sign-in gateway as its own process (log `<logDir>/temporal-ui.log`) and waits until it answers. */
export async function startUiGateway(profile: StackProfile, env: NodeJS.ProcessEnv): Promise<SupervisedProcess> {
  await assertPortFree(profile.temporal.uiPort, 'the Temporal Web UI (its sign-in gateway)');
  const caseworkUrl = `http://127.0.0.1:${profile.services.casework}`;
  const gateway = startNodeComponent(profile, 'temporal-ui', 'infra/temporal/ui-gateway/gateway-main.ts', { ...env, ...uiGatewayEnvironment(profile, caseworkUrl) });
  const health = `http://127.0.0.1:${profile.temporal.uiPort}/auth/health`;
  try {
    await waitUntil(
      async () => {
        gateway.assertRunning();
        return isHttpHealthy(health);
      },
      30_000,
      `the Temporal Web UI's sign-in gateway at ${health}`,
      `Read its log: ${gateway.spec.logFile}`,
    );
  } catch (error) {
    await gateway.stop();
    throw error;
  }
  return gateway;
}
