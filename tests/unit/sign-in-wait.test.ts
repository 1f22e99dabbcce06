import { describe, expect, it } from 'vitest'
import { SignInError, signInErrorMessage } from '../../src/app/accounts/sign-in'

describe('the wait after too many sign-in attempts', () => {
  it('is said in seconds while it is short, and in minutes after that', () => {
    expect(signInErrorMessage(new SignInError('too_many_attempts', 4))).toEqual({ key: 'security.tooManyAttemptsSeconds', params: { seconds: 4 } })
    expect(signInErrorMessage(new SignInError('too_many_attempts', 90))).toEqual({ key: 'signIn.errors.too_many_attempts', params: { minutes: 2 } })
  })
})
