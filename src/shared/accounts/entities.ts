import { Type, type Static } from 'typebox'
import { defineSyncEntity } from '../sync/entity.js'
import { ImageRef } from '../sync/media.js'
import { CouncilKind, IsoDate, MemberRole, Uuid } from './model.js'
import { COUNCIL_ENTITY, COUNCIL_MEMBER_ENTITY, COUNCILS_SCOPE, councilScope } from './names.js'

export { COUNCILS_SCOPE, councilScope }

/**
 * Councils and their members are kept by staff through the admin API, which writes these
 * records on the server; devices only read them. That keeps one source of truth for who is a
 * member (sign-in and access depend on it) while the pages still work offline.
 */
export const CouncilRecordData = Type.Object(
  {
    name: Type.String(),
    kind: CouncilKind,
    centre: Type.String(),
    description: Type.String(),
  },
  { additionalProperties: false },
)
export type CouncilRecordData = Static<typeof CouncilRecordData>

export const CouncilRecord = defineSyncEntity<CouncilRecordData>({
  name: COUNCIL_ENTITY,
  schema: CouncilRecordData,
  scopeOf: () => COUNCILS_SCOPE,
  protectedFields: [],
})

export const CouncilMemberData = Type.Object(
  {
    councilId: Uuid,
    /** Left out when the member is read only as listed publicly: it would tie them to a person. */
    personId: Type.Optional(Uuid),
    name: Type.String(),
    role: MemberRole,
    /** Left out for the public: with a shared surname it tells whose relative someone is. */
    isRelative: Type.Optional(Type.Boolean()),
    termStart: IsoDate,
    termEnd: Type.Union([IsoDate, Type.Null()]),
    /** Present only while the member's photo consent is on record. */
    photo: Type.Union([ImageRef, Type.Null()]),
    listedPublicly: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type CouncilMemberData = Static<typeof CouncilMemberData>

export const CouncilMemberRecord = defineSyncEntity<CouncilMemberData>({
  name: COUNCIL_MEMBER_ENTITY,
  schema: CouncilMemberData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})
