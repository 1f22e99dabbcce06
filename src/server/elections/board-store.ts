import { asc, eq } from 'drizzle-orm'
import { entryHash, linkEntry, type BoardEntry, type BoardEntryBody } from '../../shared/elections/board.js'
import { canonicalJson } from '../../shared/elections/canonical-json.js'
import { envelopeHash } from '../../shared/elections/envelope.js'
import type { Db } from '../db/database.js'
import { electionBoard, elections } from '../db/schema.js'
import type { Tx } from '../sync/server-write.js'
import { nodePrimitives as p } from './node-primitives.js'
import type { ElectionRow } from './store.js'

/** Locks the election row: every board append and late count goes through this lock, in order. */
export async function lockElection(tx: Tx, id: string): Promise<ElectionRow | null> {
  const [row] = await tx.select().from(elections).where(eq(elections.id, id)).for('update')
  return row ?? null
}

/**
 * Appends one entry after the board's head, inside the caller's transaction and under the lock
 * taken by lockElection. The entry is stored as its exact canonical JSON, so the board served
 * later hashes to the same chain.
 */
export async function appendEntry(tx: Tx, locked: BoardHead, body: BoardEntryBody): Promise<{ index: number; hash: string; entry: BoardEntry }> {
  const appended = await tryAppendEntry(tx, locked, body)
  if (!appended) throw new Error(`board entry ${locked.boardLength} of election ${locked.id} clashes with an existing entry`)
  return appended
}

export type BoardHead = Pick<ElectionRow, 'id' | 'boardHead' | 'boardLength' | 'manifestHash'>

/**
 * As appendEntry, but null when a unique index refuses the entry (a ballot whose card or
 * sealing key is already on the board) instead of failing the transaction.
 */
export async function tryAppendEntry(tx: Tx, locked: BoardHead, body: BoardEntryBody): Promise<{ index: number; hash: string; entry: BoardEntry } | null> {
  const { row, entry } = boardRow(locked, body)
  const hash = row.hash
  const inserted = await tx.insert(electionBoard).values(row)
    .onConflictDoNothing()
    .returning({ index: electionBoard.index })
  if (inserted.length === 0) return null
  await tx.update(elections).set({ boardHead: hash, boardLength: entry.index + 1 }).where(eq(elections.id, locked.id))
  locked.boardHead = hash
  locked.boardLength = entry.index + 1
  return { index: entry.index, hash, entry }
}

/** The board row of `body` appended after `head`: the entry linked to it, stored as its exact canonical JSON. */
export function boardRow(head: BoardHead, body: BoardEntryBody, digest?: string): { row: typeof electionBoard.$inferInsert & { hash: string; index: number }; entry: BoardEntry } {
  const entry = linkEntry(head.boardLength, head.boardHead ?? head.manifestHash!, body)
  return {
    entry,
    row: {
      electionId: head.id,
      index: entry.index,
      hash: entryHash(p, entry),
      type: entry.type,
      entry: canonicalJson(entry),
      card: entry.type === 'ballot' ? entry.envelope.card : entry.type === 'closed' ? null : entry.card,
      enc: entry.type === 'ballot' ? entry.envelope.enc : null,
      envelopeHash: entry.type === 'ballot' ? (digest ?? envelopeHash(p, entry.envelope)) : null,
    },
  }
}

export async function readBoard(db: Db | Tx, electionId: string): Promise<BoardEntry[]> {
  const rows = await db.select({ entry: electionBoard.entry }).from(electionBoard).where(eq(electionBoard.electionId, electionId)).orderBy(asc(electionBoard.index))
  return rows.map((r) => JSON.parse(r.entry) as BoardEntry)
}
