/** Where the versioned API lives; the probes answer outside it. */
export const API_PREFIX = '/api/v1';
