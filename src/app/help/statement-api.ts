import type { Statement, StatementInput } from '../../shared/help/statement'
import { api } from '../api'

// The last statement this device saw, so the page still says who to contact without a
// connection. It holds no personal data; sign-out clears it with the rest of localStorage.
const CACHE_KEY = 'brugerstemme.statement.v1'

export function cachedStatement(): Statement | null {
  try {
    return JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as Statement | null
  } catch {
    return null
  }
}

function remember(statement: Statement): Statement {
  localStorage.setItem(CACHE_KEY, JSON.stringify(statement))
  return statement
}

export const statementApi = {
  get: async () => remember(await api<Statement>('GET', '/api/accessibility-statement')),
  save: async (input: StatementInput) => remember(await api<Statement>('PUT', '/api/admin/accessibility-statement', input)),
}
