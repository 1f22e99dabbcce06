import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, onApiSessionEnded } from '../../src/app/api'
import { replacingSession } from '../../src/app/session-epoch'

const sessionEnded = () => new Response(JSON.stringify({ code: 'session_ended', message: 'ended' }), { status: 401, headers: { 'content-type': 'application/json' } })

describe('a 401 session_ended', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('signs the device out when it concerns the session the request went out under', async () => {
    vi.stubGlobal('fetch', async () => sessionEnded())
    const heard = vi.fn()
    const stop = onApiSessionEnded(heard)
    await expect(api('GET', '/api/me')).rejects.toBeInstanceOf(ApiError)
    stop()
    expect(heard).toHaveBeenCalledTimes(1)
  })

  it('is ignored when a sign-in or kiosk start replaced the session while the request was on its way', async () => {
    let answer!: (response: Response) => void
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (answer = resolve)))
    const heard = vi.fn()
    const stop = onApiSessionEnded(heard)
    const request = api('GET', '/api/admin/councils')
    // The staff session this request carries is ended by the server as the kiosk starts.
    replacingSession()
    answer(sessionEnded())
    await expect(request).rejects.toMatchObject({ status: 401, code: 'session_ended' })
    stop()
    expect(heard).not.toHaveBeenCalled()
  })
})
