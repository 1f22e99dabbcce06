/** A step that may not happen now, thrown inside a transaction (which then rolls back) and answered as a 4xx. */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
