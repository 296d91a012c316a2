/** The roles that may open the Web UI at all: those the codec decodes for (services/casework/src/codec/codec-access.ts). */
export const UI_ROLES: readonly string[] = ['caseworker', 'senior-caseworker', 'liaison-officer', 'sre'];

/** The roles that may use the Web UI's write actions (signal, cancel, terminate, reset, update, start, batch). */
export const UI_WRITE_ROLES: readonly string[] = ['sre'];

/** A workflow query (`POST .../query/<name>`): a read, though the UI sends it as a POST. */
const QUERY_PATH = /^\/api\/v1\/namespaces\/[^/]+\/workflows\/[^/]+\/query\/[^/]+$/;

/** True when the request changes something on the server: anything but a GET, a HEAD or a workflow query. */
export function isWriteRequest(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  return !(method === 'POST' && QUERY_PATH.test(path));
}

/** What a signed-in person may do in the Web UI: nothing, read, or read and act. */
export function uiAccessOf(roles: readonly string[]): 'none' | 'read' | 'write' {
  if (roles.some((role) => UI_WRITE_ROLES.includes(role))) return 'write';
  return roles.some((role) => UI_ROLES.includes(role)) ? 'read' : 'none';
}

/**
 * The path to return to after sign-in: a path of this site only (never `//host` or a full URL, which
 * would make the gateway an open redirect), `/` otherwise.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
