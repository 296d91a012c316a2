/** The Temporal Web UI's sign-in gateway, for the stack scripts and the tests that run it in-process. */
export { type UiGatewayConfig, loadUiGatewayConfig } from './gateway-config';
export { GatewaySessions } from './gateway-sessions';
export { discoverGatewaySignIn } from './gateway-sign-in';
export { createUiGateway } from './ui-gateway';
