import type { CouncilKind, MemberRole } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { hashPassword } from '../accounts/passwords.js'
import { councilWrite, membershipWrite } from '../accounts/publish.js'
import { sha256, normalizeCardCode } from '../accounts/secrets.js'
import { councils, memberships, people, relativeLinks, signInCards, staffCouncils } from '../db/schema.js'
import type { SyncRegistry } from '../sync/registry.js'
import { writeServerRecords, type ServerWrite, type Tx } from '../sync/server-write.js'

/**
 * The demo's people are fictional. Their passwords and card codes are public (printed at start
 * and in the README), so a real installation starts with DEMO_DATA=false and `npm run admin:create`.
 */
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@demo.brugerstemme.dk', password: 'demo-admin-kodeord' },
  secretary: { email: 'sekretaer@demo.brugerstemme.dk', password: 'demo-sekretaer-kodeord' },
  memberCard: 'KAFE-HAVE-TUR4',
  relativeCard: 'PAAR-ENDE-FAR7',
} as const

export interface DemoIds {
  councilId: string
  otherCouncilId: string
  adminId: string
  secretaryId: string
  memberId: string
  relativeId: string
}

const person = (kind: string, name: string, extra: Partial<typeof people.$inferInsert> = {}) => ({
  id: uuidv7(),
  kind,
  name,
  ...extra,
})

export async function seedDemoAccounts(tx: Tx, registry: SyncRegistry): Promise<DemoIds> {
  const council = {
    id: uuidv7(),
    name: 'Brugerrådet på Solbakken',
    kind: 'user-council' satisfies CouncilKind,
    centre: 'Bostedet Solbakken',
    description: 'Rådet for beboerne på Solbakken. Vi mødes hver anden måned og taler om mad, ture, regler og hverdagen i huset.',
    retentionMonths: 24,
  }
  const other = {
    id: uuidv7(),
    name: 'Centerrådet for Socialpsykiatri',
    kind: 'centre-council' satisfies CouncilKind,
    centre: 'Center for Socialpsykiatri',
    description: 'Rådet for brugere og pårørende i hele centeret.',
    retentionMonths: 24,
  }
  await tx.insert(councils).values([council, other])

  const admin = person('staff', 'Dorthe Demo (administrator)', {
    email: DEMO_ACCOUNTS.admin.email,
    passwordHash: await hashPassword(DEMO_ACCOUNTS.admin.password),
    staffRole: 'admin',
  })
  const secretary = person('staff', 'Sami Sekretær', {
    email: DEMO_ACCOUNTS.secretary.email,
    passwordHash: await hashPassword(DEMO_ACCOUNTS.secretary.password),
    staffRole: 'secretary',
  })
  const members: { p: ReturnType<typeof person>; role: MemberRole; listed: boolean }[] = [
    { p: person('member', 'Karen Holm'), role: 'chair', listed: true },
    { p: person('member', 'Ali Hassan'), role: 'vice-chair', listed: true },
    { p: person('member', 'Birthe Lund'), role: 'member', listed: false },
    { p: person('member', 'Jonas Friis'), role: 'substitute', listed: true },
    { p: person('relative', 'Lene Holm'), role: 'relatives-representative', listed: true },
    { p: person('staff', 'Mette Kjær'), role: 'staff-representative', listed: true },
  ]
  await tx.insert(people).values([admin, secretary, ...members.map((m) => m.p)])
  await tx.insert(staffCouncils).values({ personId: secretary.id, councilId: council.id })

  const rows = members.map((m) => ({
    id: uuidv7(),
    councilId: council.id,
    personId: m.p.id,
    role: m.role,
    termStart: '2026-01-01',
    termEnd: '2027-12-31',
    listedPublicly: m.listed,
  }))
  const inserted = await tx.insert(memberships).values(rows).returning()

  const karen = members[0]!.p
  const lene = members[4]!.p
  await tx.insert(relativeLinks).values({
    relativeId: lene.id,
    residentId: karen.id,
    consentGivenAt: '2026-01-15',
    consentNote: 'Samtykkeerklæring underskrevet, ligger i beboermappen.',
    recordedBy: admin.id,
  })
  await tx.insert(signInCards).values([
    { id: uuidv7(), personId: karen.id, kind: 'card', codeHash: sha256(normalizeCardCode(DEMO_ACCOUNTS.memberCard)), createdBy: admin.id },
    { id: uuidv7(), personId: lene.id, kind: 'card', codeHash: sha256(normalizeCardCode(DEMO_ACCOUNTS.relativeCard)), createdBy: admin.id },
  ])

  const byId = new Map([...members.map((m) => [m.p.id, m.p] as const)])
  const memberWrites: ServerWrite[] = []
  for (const m of inserted) {
    memberWrites.push(await membershipWrite(tx, m, { ...byId.get(m.personId)!, email: null, passwordHash: null, staffRole: null, createdBy: null, createdAt: new Date(), erasedAt: null, holdKey: null }))
  }
  await writeServerRecords(tx, registry, [councilWrite({ ...council, createdAt: new Date() }), councilWrite({ ...other, createdAt: new Date() }), ...memberWrites])
  return { councilId: council.id, otherCouncilId: other.id, adminId: admin.id, secretaryId: secretary.id, memberId: karen.id, relativeId: lene.id }
}
