import { EVERY_SIMULATED_SCOPE, hubSpotSimulatorRoutes } from '../../../connectors/hubspot/simulator';
import { useSimulator } from '../../contract/hubspot/hubspot-fixtures';
import { ConformanceApi, type Operation } from './conformance-client';
import { HUBSPOT_OPERATIONS, operationName } from './operations';

// Every route the simulator serves is driven here, so the app holds every scope it asks for.
const sim = useSimulator({ scopes: EVERY_SIMULATED_SCOPE });

interface Verdict {
  readonly operation: Operation;
  readonly problem: string | undefined;
}
const verdicts: Verdict[] = [];

/** Undefined when the answer's status is one the operation documents and its body has the documented shape. */
async function problemOf(operation: Operation): Promise<string | undefined> {
  const answer = await operation.run(new ConformanceApi(sim()));
  const schema = operation.answers[answer.status];
  if (schema === undefined)
    return `answered ${answer.status} (documented: ${Object.keys(operation.answers).join(', ')}): ${JSON.stringify(answer.body)}`;
  if (schema === null) return answer.body === undefined ? undefined : `answered a body where none is documented`;
  const parsed = schema.safeParse(answer.body);
  return parsed.success
    ? undefined
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/** Paths as the reference writes them, aliases folded: contacts' own paths are the generic objects paths. */
function shapeOf(method: string, path: string): string {
  const folded = path
    .replace(/:[A-Za-z]+/g, '{}')
    .replace(/\{[A-Za-z]+\}/g, '{}')
    .replace(/^\/crm\/v3\/schemas/, '/crm-object-schemas/v3/schemas')
    .replace(/^\/crm\/associations\/v4\//, '/crm/v4/associations/')
    .replace(/\/$/, '')
    .replace(/^\/crm\/v3\/objects\/contacts\/(batch|search|merge)/, '/crm/v3/objects/{}/$1');
  return `${method} ${folded}`;
}

describe("HubSpot simulator: answers match HubSpot's documented response schemas", () => {
  it('drives every route the simulator serves', () => {
    const driven = new Set(HUBSPOT_OPERATIONS.map((op) => shapeOf(op.method, op.path)));
    const undriven = hubSpotSimulatorRoutes()
      .map((route) => shapeOf(route.method, route.pattern))
      .filter((shape) => !driven.has(shape));
    expect([...new Set(undriven)]).toEqual([]);
  });

  it.each(HUBSPOT_OPERATIONS.map((op) => [operationName(op), op] as const))('%s', async (_name, operation) => {
    const problem = await problemOf(operation).catch((error: unknown) => String(error));
    verdicts.push({ operation, problem });
    expect(problem).toBeUndefined();
  });

  afterAll(() => {
    const conforming = verdicts.filter((v) => v.problem === undefined);
    const called = verdicts.filter((v) => v.operation.leadpactCalls);
    const calledConforming = called.filter((v) => v.problem === undefined);
    const percent = verdicts.length === 0 ? 0 : Math.round((1000 * conforming.length) / verdicts.length) / 10;
    console.log(
      `HubSpot conformance: ${conforming.length} of ${verdicts.length} operations conform (${percent} %); ` +
        `${calledConforming.length} of the ${called.length} leadpact calls conform`,
    );
  });
});
