import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers: a CSP that allows scripts, styles, fonts and images from the console itself only (no
 * inline script or style anywhere, no `unsafe-inline`), forms that post only to the console or the
 * provider (sign-out continues there), no framing (frame-ancestors 'none'), and HSTS only when the
 * console is served over TLS (on plain loopback HTTP it would make the browser refuse the console).
 */
export function securityHeaders(options: { https: boolean; issuerOrigin: string }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'", options.issuerOrigin],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}
