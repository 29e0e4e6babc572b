import type { Redis } from 'ioredis';
import type { Assignment } from '../../protocol';
import type { SalesforceId } from '../../shared/ids';

/**
 * Resolves routing's assignment to one owner. Round-robin pools take turns through a counter in
 * Redis, so every worker process continues the same rotation.
 */
export interface OwnerPicker {
  pick(assign: Assignment): Promise<SalesforceId>;
}

export function createOwnerPicker(redis: Redis, prefix: string): OwnerPicker {
  return {
    async pick(assign) {
      switch (assign.kind) {
        case 'owner':
          return assign.ownerId;
        case 'queue':
          return assign.queueId;
        case 'pool': {
          const turn = await redis.incr(`${prefix}:rr:${assign.pool}`);
          const member = assign.members[(turn - 1) % assign.members.length];
          if (member === undefined) throw new RangeError(`pool ${assign.pool} has no members`);
          return member;
        }
      }
    },
  };
}
