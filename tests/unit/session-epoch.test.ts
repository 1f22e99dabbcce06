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
    const answerRequest = answer
    // The staff session this request carries is ended by the server as the kiosk starts.
    const started = replacingSession(() => api('POST', '/api/kiosk', {}))
    answer(new Response(JSON.stringify({}), { status: 200, headers: { 'content-type': 'application/json' } }))
    await started
    answerRequest(sessionEnded())
    await expect(request).rejects.toMatchObject({ status: 401, code: 'session_ended' })
    stop()
    expect(heard).not.toHaveBeenCalled()
  })

  it('is ignored for a request sent while the new session was still on its way, and heard for one sent after', async () => {
    // CI: a pull went out while the kiosk start was on its way, still with the staff cookie the
    // server had just ended, and its 401 signed the new Stemmeboks out.
    const answers: ((response: Response) => void)[] = []
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => answers.push(resolve)))
    const heard = vi.fn()
    const stop = onApiSessionEnded(heard)
    const started = replacingSession(() => api('POST', '/api/kiosk', {}))
    const during = api('GET', '/api/sync/pull')
    answers[1]!(sessionEnded())
    await expect(during).rejects.toMatchObject({ code: 'session_ended' })
    const lateDuring = api('GET', '/api/me')
    answers[0]!(new Response(JSON.stringify({}), { status: 200, headers: { 'content-type': 'application/json' } }))
    await started
    answers[2]!(sessionEnded())
    await expect(lateDuring).rejects.toMatchObject({ code: 'session_ended' })
    expect(heard).not.toHaveBeenCalled()
    // Sent once the new session's cookie is in place: its session_ended is about this session.
    const after = api('GET', '/api/me')
    answers[3]!(sessionEnded())
    await expect(after).rejects.toMatchObject({ code: 'session_ended' })
    stop()
    expect(heard).toHaveBeenCalledTimes(1)
  })
})
