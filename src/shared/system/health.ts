import { Type, type Static } from 'typebox'

export const HealthResponse = Type.Object(
  {
    status: Type.Literal('ok'),
    db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  },
  { title: 'HealthResponse', description: 'The server is up and its database answers.' },
)
export type HealthResponse = Static<typeof HealthResponse>

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'The HTTP reason phrase.' }),
    code: Type.String({ description: 'A stable code the app maps to a message in the user\'s language.' }),
    message: Type.String({ description: 'What went wrong and what to do, in plain English.' }),
  },
  { title: 'ErrorResponse' },
)
export type ErrorResponse = Static<typeof ErrorResponse>
