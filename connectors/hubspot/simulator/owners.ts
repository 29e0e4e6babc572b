import { z } from 'zod';
import { notFound } from './hubspot-errors';
import type { SimContext } from './sim-context';
import { boolParam, json, type Route, type SimRequest, type SimResponse } from './sim-http';

export const ownerSeedSchema = z.object({
  id: z.string().regex(/^\d+$/).optional(),
  email: z.email(),
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  userId: z.number().int().optional(),
  archived: z.boolean().default(false),
  teams: z.array(z.object({ id: z.string(), name: z.string(), primary: z.boolean().default(false) })).default([]),
});
export type OwnerSeed = z.input<typeof ownerSeedSchema>;

export interface Owner {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly userId: number;
  readonly archived: boolean;
  readonly teams: readonly { readonly id: string; readonly name: string; readonly primary: boolean }[];
  readonly createdAt: number;
}

/** CRM owners (/crm/v3/owners): seeded through the control surface, read by the API. */
export class OwnerStore {
  private owners = new Map<string, Owner>();
  private nextId = 70_000_001;

  reset(): void {
    this.owners = new Map();
    this.nextId = 70_000_001;
  }

  seed(input: OwnerSeed, now: number): Owner {
    const parsed = ownerSeedSchema.parse(input);
    const id = parsed.id ?? String(this.nextId++);
    const owner: Owner = { ...parsed, id, userId: parsed.userId ?? Number(id) + 1_000_000, createdAt: now };
    this.owners.set(id, owner);
    return owner;
  }

  list(): Owner[] {
    return [...this.owners.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  get(id: string): Owner | undefined {
    return this.owners.get(id);
  }

  activeIds(): ReadonlySet<string> {
    return new Set(
      this.list()
        .filter((owner) => !owner.archived)
        .map((owner) => owner.id),
    );
  }
}

function ownerJson(owner: Owner): Record<string, unknown> {
  const stamp = new Date(owner.createdAt).toISOString();
  return {
    id: owner.id,
    email: owner.email,
    type: 'PERSON',
    firstName: owner.firstName,
    lastName: owner.lastName,
    userId: owner.userId,
    userIdIncludingInactive: owner.userId,
    createdAt: stamp,
    updatedAt: stamp,
    archived: owner.archived,
    teams: owner.teams,
  };
}

function listOwners(ctx: SimContext, request: SimRequest): SimResponse {
  const email = request.query.get('email')?.toLowerCase();
  const archived = boolParam(request.query, 'archived');
  const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 100) || 100, 1), 500);
  const after = Number(request.query.get('after') ?? 0) || 0;
  const matching = ctx.owners
    .list()
    .filter((owner) => owner.archived === archived && (email === undefined || owner.email.toLowerCase() === email))
    .filter((owner) => Number(owner.id) > after);
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  const paging =
    matching.length > limit && last !== undefined
      ? { paging: { next: { after: last.id, link: `/crm/v3/owners/?after=${last.id}` } } }
      : {};
  return json(200, { results: page.map(ownerJson), ...paging });
}

function getOwner(ctx: SimContext, request: SimRequest): SimResponse {
  const key = request.params['ownerId'] ?? '';
  const byUser = request.query.get('idProperty') === 'userId';
  const owner = ctx.owners
    .list()
    .find((candidate) => (byUser ? String(candidate.userId) === key : candidate.id === key));
  return owner === undefined || owner.archived !== boolParam(request.query, 'archived')
    ? notFound()
    : json(200, ownerJson(owner));
}

export function ownerRoutes(ctx: SimContext): Route[] {
  const list = (request: SimRequest): SimResponse => listOwners(ctx, request);
  return [
    // The SDK's OwnersApi asks for the collection with a trailing slash (wire-apis.md §2).
    { method: 'GET', pattern: '/crm/v3/owners/', kind: 'crm', handler: list },
    { method: 'GET', pattern: '/crm/v3/owners', kind: 'crm', handler: list },
    { method: 'GET', pattern: '/crm/v3/owners/:ownerId', kind: 'crm', handler: (request) => getOwner(ctx, request) },
  ];
}
