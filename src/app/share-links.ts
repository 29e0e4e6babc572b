import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../store/db';
import {
  findShareLink,
  insertShareLink,
  listShareLinks,
  revokeShareLink,
  type Audience,
  type ShareLink,
} from '../store/share-link-repository';

export type { Audience, ShareLink };

export const AUDIENCES = ['sales', 'marketing'] as const satisfies readonly Audience[];
export const DEFAULT_SHARE_DAYS = 30;
export const MAX_SHARE_DAYS = 365;
const DAY_MS = 86_400_000;

/** Where a shared link opens, under the service's public URL. */
export const SHARED_PATH = '/shared';

/** Only the hash is stored: the token itself is shown once, to whoever made the link. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewShareLink {
  readonly link: ShareLink;
  /** 256 random bits, base64url: the only copy. */
  readonly token: string;
  readonly url: string;
}

/** A read-only link to the scorecard, the pack and the questionnaire, open for `days` days. */
export async function createShareLink(
  db: Queryable,
  options: { readonly days: number; readonly audience: Audience | null; readonly publicUrl: string },
  now: number,
): Promise<NewShareLink> {
  const token = randomBytes(32).toString('base64url');
  const link = await insertShareLink(db, {
    tokenSha256: tokenHash(token),
    audience: options.audience,
    createdAt: now,
    expiresAt: now + options.days * DAY_MS,
  });
  return { link, token, url: `${options.publicUrl}${SHARED_PATH}/${token}` };
}

/** The open link a token names: undefined when unknown, expired or revoked. */
export async function openShareLink(db: Queryable, token: string, now: number): Promise<ShareLink | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const link = await findShareLink(db, tokenHash(token));
  return link === undefined || link.revokedAt !== null || link.expiresAt <= now ? undefined : link;
}

export const shareLinks = (db: Queryable): Promise<ShareLink[]> => listShareLinks(db);
export const revokeLink = (db: Queryable, id: number, now: number): Promise<boolean> => revokeShareLink(db, id, now);
