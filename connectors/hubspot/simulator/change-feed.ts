import type { StandardObjectType } from './property-model';

/**
 * Who made a change, as HubSpot reports it in webhooks and property history: an app's write is
 * `INTEGRATION` with the app id as sourceId; a person in HubSpot is `CRM_UI` with `userId:<id>`.
 */
export interface WriteSource {
  readonly changeSource: string;
  readonly sourceId: string;
}

/** Webhooks are about the standard objects leadpact subscribes to; custom objects' writes emit none here. */
interface EventBase {
  readonly objectType: StandardObjectType;
  readonly occurredAt: number;
  readonly source: WriteSource;
}

export type ChangeEvent =
  | (EventBase & { readonly kind: 'creation' | 'deletion' | 'privacyDeletion'; readonly objectId: string })
  | (EventBase & {
      readonly kind: 'propertyChange';
      readonly objectId: string;
      readonly propertyName: string;
      readonly propertyValue: string;
    })
  | (EventBase & {
      readonly kind: 'merge';
      readonly objectId: string;
      readonly primaryObjectId: string;
      readonly mergedObjectIds: readonly string[];
      readonly newObjectId: string;
      readonly numberOfPropertiesMoved: number;
    })
  | (EventBase & {
      readonly kind: 'associationChange';
      readonly fromObjectId: string;
      readonly toObjectId: string;
      readonly associationType: string;
      readonly associationRemoved: boolean;
      readonly isPrimaryAssociation: boolean;
    });

export type ChangeListener = (event: ChangeEvent) => void;

/** Every committed change, in commit order; webhook delivery listens here. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
