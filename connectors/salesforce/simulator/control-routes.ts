import { z } from 'zod';
import { SimulatorError } from './behaviours';
import { faultsSchema } from './faults';
import { outboundConfigSchema } from './outbound';
import { reply, type Reply } from './reply';
import type { SalesforceSimulator } from './types';

/**
 * The control surface over HTTP under /__sim, apart from /services so it is never counted or
 * faulted: the same operations as the in-process handle, for `leadpact sim`, the demo and chaos
 * tests in other processes. JSON in and out; a bad body answers 400 {error}.
 */

const seedBody = z.strictObject({
  object: z.string(),
  records: z.array(z.record(z.string(), z.unknown())),
  notify: z.boolean().optional(),
});
const convertBody = z.strictObject({
  id: z.string(),
  opportunity: z
    .strictObject({
      amount: z.number().optional(),
      stageName: z.string().optional(),
      name: z.string().optional(),
      closeDate: z.string().optional(),
    })
    .optional(),
  doNotCreateOpportunity: z.boolean().optional(),
  accountId: z.string().optional(),
});
const mergeBody = z.strictObject({ masterId: z.string(), duplicateIds: z.array(z.string()) });
const outboundBody = z.union([outboundConfigSchema, z.null()]);

class ControlError extends Error {}

function parse<T>(schema: z.ZodType<T>, body: Buffer): T {
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new ControlError('the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ControlError(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  return parsed.data;
}

type Operation = (sim: SalesforceSimulator, body: Buffer, param: string) => Reply;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  'GET calls': (sim) => reply(200, sim.calls()),
  'GET credentials': (sim) => reply(200, { url: sim.url, apiVersion: sim.apiVersion, ...sim.credentials }),
  'GET defaults': (sim) => reply(200, sim.defaults()),
  'POST reset': (sim) => {
    sim.reset();
    return reply(204);
  },
  'POST token': (sim) => reply(200, { access_token: sim.mintAccessToken(), instance_url: sim.url }),
  'POST expire-sessions': (sim) => {
    sim.expireSessions();
    return reply(204);
  },
  'POST seed': (sim, body) => {
    const { object, records, notify } = parse(seedBody, body);
    return reply(200, { ids: sim.seed(object, records, notify === undefined ? {} : { notify }) });
  },
  'POST convert-lead': (sim, body) => {
    const { id, ...options } = parse(convertBody, body);
    return reply(200, sim.convertLead(id, options));
  },
  'POST merge': (sim, body) => {
    const { masterId, duplicateIds } = parse(mergeBody, body);
    sim.merge(masterId, duplicateIds);
    return reply(204);
  },
  'PUT faults': (sim, body) => {
    sim.setFaults(parse(faultsSchema, body));
    return reply(204);
  },
  'PUT outbound': (sim, body) => {
    sim.setOutbound(parse(outboundBody, body));
    return reply(204);
  },
  'GET outbound': (sim) => reply(200, sim.outboundStats()),
  'GET records': (sim, _body, object) => reply(200, sim.records(object)),
};

export function createControl(
  sim: SalesforceSimulator,
): (method: string, path: string, body: Buffer) => Promise<Reply> {
  return async (method, path, body) => {
    const [, , name = '', param = ''] = path.split('/');
    const operation = OPERATIONS[`${method} ${name}`];
    if (operation === undefined) return reply(404, { error: `no control operation ${method} /__sim/${name}` });
    try {
      return operation(sim, body, decodeURIComponent(param));
    } catch (error) {
      if (error instanceof ControlError || error instanceof SimulatorError) return reply(400, { error: error.message });
      throw error;
    }
  };
}
