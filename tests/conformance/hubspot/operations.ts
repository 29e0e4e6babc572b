import { associationOperations } from './associations.operations';
import type { Operation } from './conformance-client';
import { objectOperations } from './objects.operations';
import { portalOperations } from './portal.operations';
import { propertyOperations } from './properties.operations';

/** Every operation the HubSpot simulator serves, and every one leadpact calls. */
export const HUBSPOT_OPERATIONS: readonly Operation[] = [
  ...objectOperations,
  ...propertyOperations,
  ...associationOperations,
  ...portalOperations,
];

export function operationName(op: Operation): string {
  return `${op.method} ${op.path}`;
}
