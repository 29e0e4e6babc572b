import { classifyHubSpotFailure } from './classify-failure';

/** A HubSpot request the SDK does not cover (token info, portal inspection), made with fetch. */
export interface PlainRequest {
  readonly url: string;
  readonly init: RequestInit;
  /** The operation's name in a classified failure (tokenInfo, inspectProperties...). */
  readonly operation: string;
  readonly now: () => number;
  readonly timeoutMs?: number;
}

/**
 * The answer's JSON body (an empty body is {}); a network failure or a refusal throws the same
 * classified CrmError the SDK path throws, so callers tell an outage from a missing scope alike.
 */
export async function plainHubSpotRequest(request: PlainRequest): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(request.timeoutMs ?? 30_000) });
  } catch (error) {
    throw classifyHubSpotFailure(
      error instanceof Error && error.cause !== undefined ? error.cause : error,
      request.now(),
      request.operation,
    );
  }
  const body = parseJson(await response.text());
  if (!response.ok)
    throw classifyHubSpotFailure(
      { code: response.status, body, headers: Object.fromEntries(response.headers.entries()) },
      request.now(),
      request.operation,
    );
  return body;
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}
