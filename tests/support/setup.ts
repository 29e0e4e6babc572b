// jsforce reads proxy variables at import time and ignores NO_PROXY (wire-apis.md §0); the
// simulators live on loopback, so no test may go through a proxy.
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

declare const LEADPACT_TEST_TIMEOUT_MS: number | undefined;
if (typeof LEADPACT_TEST_TIMEOUT_MS === 'number') jest.setTimeout(LEADPACT_TEST_TIMEOUT_MS);
