/**
 * The sync name of a cast ballot, on its own so the app's entry can name it (unowned work, see
 * src/app/sync/unowned-work.ts) without loading the elections model and envelope schemas.
 */
export const CAST_BALLOT = 'election-ballot'
