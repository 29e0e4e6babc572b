import { SYSTEM_PERMISSIONS } from '../schema/access-objects';
import type { Row } from '../schema/values';
import { computeAccess, permissionSetsOf, type AccessMode, type AccessRows, type UserAccess } from './model';

/** Objects whose records change what someone may do. */
const WATCHED = new Set([
  'User',
  'Profile',
  'PermissionSet',
  'PermissionSetAssignment',
  'ObjectPermissions',
  'FieldPermissions',
]);

export interface AccessStore extends AccessRows {
  onCommit(listener: (events: readonly { readonly object: string }[]) => void): () => void;
}

/**
 * Each user's effective access, computed once and kept until a permission record, a user or a
 * profile changes. In 'all' mode nobody is restricted: the all-access org of quick experiments.
 */
export class AccessModel {
  private cache = new Map<string, UserAccess>();

  constructor(
    private readonly store: AccessStore,
    private readonly mode: AccessMode,
  ) {
    store.onCommit((events) => {
      if (events.some((event) => WATCHED.has(event.object))) this.invalidate();
    });
  }

  get enforced(): boolean {
    return this.mode === 'enforced';
  }

  /** What this user may do; undefined when nothing is enforced. */
  forUser(userId: string): UserAccess | undefined {
    if (this.mode === 'all') return undefined;
    const cached = this.cache.get(userId);
    if (cached !== undefined) return cached;
    const access = computeAccess(
      this.store,
      permissionSetsOf(this.store, userId, this.standardProfile()),
      SYSTEM_PERMISSIONS,
    );
    this.cache.set(userId, access);
    return access;
  }

  invalidate(): void {
    this.cache = new Map();
  }

  /** A user created without a profile (seeded by a test) is a Standard User. */
  private standardProfile(): string | undefined {
    const row: Row | undefined = this.store.rows('Profile').find((profile) => profile['Name'] === 'Standard User');
    return typeof row?.['Id'] === 'string' ? row['Id'] : undefined;
  }
}
