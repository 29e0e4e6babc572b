// jsforce reads proxy variables at import time and ignores NO_PROXY (wire-apis.md §0); the
// simulators live on loopback, so no test may go through a proxy.
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];
