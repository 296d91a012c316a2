/** A problem document as the casework API sends one (RFC 9457), with its field errors when a body was refused. */
export interface ApiProblem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** The API refused the access token (expired, or the provider rotated away from its key): the person signs in again. */
export class SessionExpiredError extends Error {
  constructor() {
    super('the casework API no longer accepts this session\'s access token');
    this.name = 'SessionExpiredError';
  }
}

/** The API answered with a problem the page shows: a refusal of a step (400, 409, 422), or 403 and 404. */
export class ApiRefusedError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'ApiRefusedError';
  }
}

/** The API could not be reached or failed (5xx): nothing was done, and the person may try again. */
export class ApiUnavailableError extends Error {
  constructor(reason: string) {
    super(`the casework API is unavailable: ${reason}`);
    this.name = 'ApiUnavailableError';
  }
}
