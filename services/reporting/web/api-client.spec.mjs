// @ts-check
import { ApiError, reportingApi } from './api-client.mjs';

/**
 * @param {() => Promise<Response>} answer
 */
function apiAnswering(answer) {
  /** @type {{ url: string, init: RequestInit | undefined }[]} */
  const calls = [];
  const api = reportingApi({
    token: () => 'op.token.x',
    fetch: async (url, init) => {
      calls.push({ url: String(url), init });
      return answer();
    },
  });
  return { api, calls };
}

/** @param {Promise<unknown>} promise */
async function failureOf(promise) {
  const error = await promise.then(
    () => undefined,
    (/** @type {unknown} */ thrown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  const { failure, status, requestId } = /** @type {ApiError} */ (error);
  return { failure, status, requestId };
}

describe('the reporting API as the dashboard calls it', () => {
  it('sends the bearer token and returns the indicators', async () => {
    const { api, calls } = apiAnswering(async () => Response.json({ items: [{ country: 'mx' }], nextCursor: null }));
    expect(await api.indicators()).toEqual([{ country: 'mx' }]);
    expect(calls[0]?.url).toBe('/api/v1/indicators');
    expect(calls[0]?.init?.headers).toEqual({ authorization: 'Bearer op.token.x', accept: 'application/json' });
  });

  it('sorts failures into what the page tells the operator', async () => {
    const problem = (/** @type {number} */ status) => async () => new Response('{}', { status, headers: { 'x-request-id': `r-${status}` } });
    expect(await failureOf(apiAnswering(problem(401)).api.federationStatus())).toEqual({ failure: 'unauthorized', status: 401, requestId: 'r-401' });
    expect(await failureOf(apiAnswering(problem(403)).api.federationStatus())).toEqual({ failure: 'forbidden', status: 403, requestId: 'r-403' });
    expect(await failureOf(apiAnswering(problem(503)).api.indicators())).toEqual({ failure: 'server', status: 503, requestId: 'r-503' });
    expect(await failureOf(apiAnswering(() => Promise.reject(new TypeError('fetch failed'))).api.indicators())).toEqual({
      failure: 'network',
      status: undefined,
      requestId: undefined,
    });
    expect(await failureOf(apiAnswering(async () => new Response('{"items": [', { status: 200 })).api.indicators())).toMatchObject({
      failure: 'network',
      status: 200,
    });
  });
});
