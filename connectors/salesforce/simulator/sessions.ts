import { randomBytes } from 'node:crypto';

interface Session {
  readonly userId: string;
  readonly expiresAt: number;
}

/**
 * Access and refresh tokens. Access tokens are opaque session ids "00D…!AQ…" as the platform
 * issues them (jsforce refuses to use a JWT-looking token for SOAP); they lapse after the
 * session timeout or when a test expires every session at once.
 */
export class SessionStore {
  private sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, string>();

  constructor(
    private readonly orgId: string,
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  mint(userId: string): string {
    const token = `${this.orgId.slice(0, 15)}!AQ${randomBytes(30).toString('base64url')}`;
    this.sessions.set(token, { userId, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  mintRefresh(userId: string): string {
    const token = `5Aep861${randomBytes(40).toString('base64url')}`;
    this.refreshTokens.set(token, userId);
    return token;
  }

  /** The user a live access token belongs to. */
  user(token: string): string | undefined {
    const session = this.sessions.get(token);
    if (session === undefined) return undefined;
    if (session.expiresAt > this.now()) return session.userId;
    this.sessions.delete(token);
    return undefined;
  }

  refreshUser(token: string): string | undefined {
    return this.refreshTokens.get(token);
  }

  revoke(token: string): boolean {
    return this.sessions.delete(token) || this.refreshTokens.delete(token);
  }

  /** Every access token becomes invalid (refresh tokens survive, as after a session timeout). */
  expireAll(): void {
    this.sessions = new Map();
  }
}
