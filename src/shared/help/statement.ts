import { Type, type Static } from 'typebox'
import { IsoDate, IsoDateTime } from '../accounts/model.js'

/**
 * The accessibility statement the Danish web accessibility act asks for (lov nr. 692 af
 * 08/06/2018, § 4, and bekendtgørelse nr. 904 af 22/08/2019), in the structure of the EU model
 * statement (2018/1523) that Digitaliseringsstyrelsen's WAS-Tool follows: the authority and what
 * the statement covers, the compliance status, the content that is not accessible, how the
 * statement was made and when it was last reviewed, feedback and contact (both in writing and by
 * telephone), and the enforcement procedure. The municipality that runs the installation fills
 * in its parts from the admin screens; the fixed parts are text in the app.
 */
export const COMPLIANCE_LEVELS = ['full', 'partial', 'none'] as const
export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number]

export const EVALUATION_METHODS = ['self', 'external', 'other'] as const
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number]

const Text = (maxLength: number) => Type.String({ maxLength })

export const StatementInput = Type.Object(
  {
    /** The public authority responsible, e.g. "Egebo Kommune". */
    authority: Text(200),
    compliance: Type.Union([Type.Enum(COMPLIANCE_LEVELS), Type.Null()]),
    /** What is not accessible and why, one problem per paragraph, with the alternative offered. */
    knownIssues: Text(10_000),
    /** Content left inaccessible because fixing it would be a disproportionate burden (§ 3, stk. 2). */
    burden: Text(5_000),
    method: Type.Union([Type.Enum(EVALUATION_METHODS), Type.Null()]),
    methodNote: Text(1_000),
    preparedOn: Type.Union([IsoDate, Type.Null()]),
    reviewedOn: Type.Union([IsoDate, Type.Null()]),
    /** The unit people write or call, e.g. "Socialforvaltningen, Digitalisering". */
    contactUnit: Text(200),
    contactEmail: Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 200 })]),
    contactPhone: Type.String({ maxLength: 40, pattern: '^[0-9 +()-]*$' }),
    /** The statement's address in WAS-Tool (was.digst.dk/…), where the act wants it published. */
    wasUrl: Type.Union([Type.Literal(''), Type.String({ pattern: '^https://[^\\s]+$', maxLength: 300 })]),
  },
  { additionalProperties: false },
)
export type StatementInput = Static<typeof StatementInput>

export const Statement = Type.Object({
  ...StatementInput.properties,
  /** When the municipality last saved it; null before it ever has. */
  updatedAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type Statement = Static<typeof Statement>

export const EMPTY_STATEMENT: StatementInput = {
  authority: '',
  compliance: null,
  knownIssues: '',
  burden: '',
  method: null,
  methodNote: '',
  preparedOn: null,
  reviewedOn: null,
  contactUnit: '',
  contactEmail: '',
  contactPhone: '',
  wasUrl: '',
}

/** The parts the municipality must fill in, in the order the statement shows them. */
export const STATEMENT_PARTS = ['authority', 'compliance', 'issues', 'method', 'review', 'contact'] as const
export type StatementPart = (typeof STATEMENT_PARTS)[number]

/**
 * What the municipality has not filled in yet. Known issues may stay empty only when it says the
 * app complies fully; contact needs both an e-mail and a telephone number, as the act requires.
 */
export function missingParts(statement: StatementInput): StatementPart[] {
  const blank = (text: string) => text.trim() === ''
  const missing: Record<StatementPart, boolean> = {
    authority: blank(statement.authority),
    compliance: statement.compliance === null,
    issues: statement.compliance !== 'full' && blank(statement.knownIssues),
    method: statement.method === null,
    review: statement.reviewedOn === null,
    contact: blank(statement.contactEmail) || blank(statement.contactPhone),
  }
  return STATEMENT_PARTS.filter((part) => missing[part])
}

/** The act wants the statement reviewed at least once a year. */
export function reviewOverdue(reviewedOn: string | null, today: string): boolean {
  if (reviewedOn === null) return false
  const due = new Date(`${reviewedOn}T00:00:00Z`)
  due.setUTCFullYear(due.getUTCFullYear() + 1)
  return today > due.toISOString().slice(0, 10)
}
