/**
 * The JSON API, generated from the engine's handler table (core/engine-api.ts): one route per
 * operation, its method and path from the contract {@link OPERATIONS}, its raw input (query or
 * body) handed to the engine, which parses it once (callOperation): an invalid input is a 400.
 */
import type { HttpApp, HttpRequest, Reply } from './app';
import { OPERATIONS, type OperationName, type Result } from '../../shared/contract';
import { callOperation, type EngineApi } from '../../core/engine-api';
import type { Logger } from '../../core/ports';
import { httpStatusOf, sendError } from './errors';

/** The operations in contract order, each with its name. */
export const OPERATION_ROUTES = (Object.keys(OPERATIONS) as OperationName[]).map((name) => ({
  name,
  method: OPERATIONS[name].method,
  path: OPERATIONS[name].path,
}));

/** Query parameters the transport consumes itself and never passes to an operation. */
const TRANSPORT_PARAMS = new Set(['token']);

/** Extracts the raw input of an operation from a request: the query for GET, the body otherwise. */
export function rawInput(name: OperationName, request: HttpRequest): unknown {
  const op = OPERATIONS[name];
  if (op.method !== 'GET') return request.body;
  const query: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(request.query)) {
    if (!TRANSPORT_PARAMS.has(k)) query[k] = v;
  }
  // A schema of z.undefined() takes no input; any parameter at all is then an invalid input.
  if (op.input.safeParse(undefined).success && Object.keys(query).length === 0) return undefined;
  return query;
}

/** Calls one operation with its raw input; a throwing engine becomes a `failed` result. */
async function invoke(
  api: EngineApi,
  name: OperationName,
  raw: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  try {
    return await callOperation(api, name, raw);
  } catch (err) {
    logger.error(`operation ${name} threw`, err);
    return { ok: false, error: { code: 'failed', message: `${name} failed unexpectedly` } };
  }
}

/** Registers every contract operation as a route on `app`. */
export function registerOperationRoutes(app: HttpApp, api: EngineApi, logger: Logger): void {
  for (const { name, method, path } of OPERATION_ROUTES) {
    app.route(method, path, async (request: HttpRequest, reply: Reply) => {
      const result = await invoke(api, name, rawInput(name, request), logger);
      if (!result.ok) return sendError(reply, httpStatusOf(result.error.code), result.error);
      return reply
        .code(200)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(result.value));
    });
  }
}
