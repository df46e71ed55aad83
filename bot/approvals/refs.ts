// Conversation references for proactive messages: where each person's 1:1 chat with the bot is (saved on every
// install and message), the Bot Connector each tenant uses, and each person's Teams user id (29:…), which
// creating a 1:1 chat and a card's refresh.userIds need. Shared by every instance through the database.

import type { Activity } from '@microsoft/agents-activity';
import type { Db } from '../../storage/types';

export const REFS_TABLE = 'bot_conversation_refs';
export const ACCOUNTS_TABLE = 'bot_user_accounts';

const MIGRATION = `CREATE TABLE ${REFS_TABLE} (
  conversation_id TEXT PRIMARY KEY,
  conversation_type TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  service_url TEXT NOT NULL,
  tenant_id TEXT,
  bot_id TEXT NOT NULL,
  user_key TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX ${REFS_TABLE}_user ON ${REFS_TABLE} (user_key, updated_at);
CREATE INDEX ${REFS_TABLE}_tenant ON ${REFS_TABLE} (tenant_id, updated_at);
CREATE TABLE ${ACCOUNTS_TABLE} (
  user_key TEXT PRIMARY KEY,
  channel_user_id TEXT NOT NULL,
  aad_object_id TEXT,
  updated_at TEXT NOT NULL
)`;

/** Where to reach a conversation (a Bot Framework conversation reference without names or activity ids). */
export interface StoredRef {
  conversationId: string;
  conversationType: string;
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
  botId: string;
  /** personal chats: the person (see userKey). */
  userKey?: string;
  /** The person's Teams user id, when known. */
  channelUserId?: string;
  updatedAt: string;
}

interface RefRow {
  conversation_id: string;
  conversation_type: string;
  channel_id: string;
  service_url: string;
  tenant_id: string | null;
  bot_id: string;
  user_key: string | null;
  updated_at: string;
  channel_user_id?: string | null;
}

/** How a person is keyed here: their Entra object id (lower case) when Teams gives it, else the channel's id. */
export function userKeyOf(user: { id?: string; aadObjectId?: string } | undefined): string | undefined {
  const key = user?.aadObjectId?.trim() || user?.id?.trim();
  return key ? key.toLowerCase() : undefined;
}

const MAX = 512;
const ok = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= MAX;

/** A skipped write is repeated at least this often, so updated_at stays a useful "last seen". */
const REFRESH_MS = 6 * 3_600_000;

export class ConversationRefs {
  private readonly seen = new Map<string, { signature: string; at: number }>();

  private constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  static async open(db: Db, options: { now?: () => Date } = {}): Promise<ConversationRefs> {
    await db.migrate('bot_conversation_refs_v1', MIGRATION);
    return new ConversationRefs(db, options.now ?? (() => new Date()));
  }

  /**
   * Remembers where an incoming activity came from. Only what is needed to write back is kept (no names, no text).
   * Unchanged references are written at most every few hours per instance.
   */
  async save(activity: Activity): Promise<void> {
    const conversationId = activity.conversation?.id;
    const serviceUrl = activity.serviceUrl;
    const botId = activity.recipient?.id;
    if (!ok(conversationId) || !ok(serviceUrl) || !ok(botId) || !/^https?:\/\//i.test(serviceUrl)) return;
    const type = activity.conversation?.conversationType ?? 'personal';
    const personal = type === 'personal';
    const userKey = userKeyOf(activity.from);
    const channelUserId = activity.from?.id;
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const signature = [type, activity.channelId, serviceUrl, tenantId, botId, userKey, channelUserId].join('\u0000');
    const nowMs = this.now().getTime();
    const last = this.seen.get(conversationId);
    if (last && last.signature === signature && nowMs - last.at < REFRESH_MS) return;
    const at = new Date(nowMs).toISOString();
    await this.db.run(
      `INSERT INTO ${REFS_TABLE} (conversation_id, conversation_type, channel_id, service_url, tenant_id, bot_id, user_key, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id) DO UPDATE SET conversation_type = excluded.conversation_type, channel_id = excluded.channel_id,
         service_url = excluded.service_url, tenant_id = excluded.tenant_id, bot_id = excluded.bot_id, user_key = excluded.user_key,
         updated_at = excluded.updated_at`,
      [conversationId, type.slice(0, 40), (activity.channelId ?? 'msteams').slice(0, 40), serviceUrl, ok(tenantId) ? tenantId : null, botId, personal && userKey ? userKey : null, at],
    );
    if (userKey && ok(channelUserId)) await this.saveAccount(userKey, channelUserId, activity.from?.aadObjectId, at);
    this.remember(conversationId, signature, nowMs);
  }

  /** Stores a conversation the bot created (a new 1:1 chat). */
  async saveCreated(ref: Omit<StoredRef, 'updatedAt'>): Promise<void> {
    const at = this.now().toISOString();
    await this.db.run(
      `INSERT INTO ${REFS_TABLE} (conversation_id, conversation_type, channel_id, service_url, tenant_id, bot_id, user_key, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id) DO UPDATE SET service_url = excluded.service_url, user_key = excluded.user_key, updated_at = excluded.updated_at`,
      [ref.conversationId, ref.conversationType, ref.channelId, ref.serviceUrl, ref.tenantId ?? null, ref.botId, ref.userKey ?? null, at],
    );
  }

  /** Forgets a conversation (the bot was removed, or the channel no longer knows it). */
  async forget(conversationId: string): Promise<void> {
    this.seen.delete(conversationId);
    await this.db.run(`DELETE FROM ${REFS_TABLE} WHERE conversation_id = $1`, [conversationId]);
  }

  /** The person's most recent 1:1 chat with the bot. */
  async personal(userKey: string): Promise<StoredRef | undefined> {
    const row = await this.db.get<RefRow>(
      `SELECT r.*, a.channel_user_id FROM ${REFS_TABLE} r LEFT JOIN ${ACCOUNTS_TABLE} a ON a.user_key = r.user_key
       WHERE r.user_key = $1 AND r.conversation_type = 'personal' ORDER BY r.updated_at DESC LIMIT 1`,
      [userKey.toLowerCase()],
    );
    return row && toRef(row);
  }

  /** The most recent conversation of a tenant (any tenant when undefined): its Bot Connector and the bot's id. */
  async latest(tenantId?: string): Promise<StoredRef | undefined> {
    const row = tenantId
      ? await this.db.get<RefRow>(`SELECT * FROM ${REFS_TABLE} WHERE tenant_id = $1 ORDER BY updated_at DESC LIMIT 1`, [tenantId])
      : await this.db.get<RefRow>(`SELECT * FROM ${REFS_TABLE} ORDER BY updated_at DESC LIMIT 1`);
    return row && toRef(row);
  }

  /** Teams user ids (29:…) of people, by their keys; unknown keys are left out. */
  async channelUserIds(userKeys: readonly string[]): Promise<Map<string, string>> {
    const keys = [...new Set(userKeys.map((k) => k.toLowerCase()))].slice(0, 100);
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const rows = await this.db.all<{ user_key: string; channel_user_id: string }>(
      `SELECT user_key, channel_user_id FROM ${ACCOUNTS_TABLE} WHERE user_key IN (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
      keys,
    );
    for (const r of rows) out.set(r.user_key, r.channel_user_id);
    return out;
  }

  private async saveAccount(userKey: string, channelUserId: string, aadObjectId: string | undefined, at: string): Promise<void> {
    await this.db.run(
      `INSERT INTO ${ACCOUNTS_TABLE} (user_key, channel_user_id, aad_object_id, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_key) DO UPDATE SET channel_user_id = excluded.channel_user_id, aad_object_id = excluded.aad_object_id,
         updated_at = excluded.updated_at`,
      [userKey, channelUserId, ok(aadObjectId) ? aadObjectId : null, at],
    );
  }

  private remember(conversationId: string, signature: string, at: number): void {
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.set(conversationId, { signature, at });
  }
}

function toRef(r: RefRow): StoredRef {
  const ref: StoredRef = {
    conversationId: r.conversation_id,
    conversationType: r.conversation_type,
    channelId: r.channel_id,
    serviceUrl: r.service_url,
    botId: r.bot_id,
    updatedAt: r.updated_at,
  };
  if (r.tenant_id) ref.tenantId = r.tenant_id;
  if (r.user_key) ref.userKey = r.user_key;
  if (r.channel_user_id) ref.channelUserId = r.channel_user_id;
  return ref;
}
