import { describe, expect, it } from 'vitest'
import type { Me } from '../../src/shared/accounts/model.js'
import { endedNotice } from '../../src/app/accounts/notice.js'

const person = (staffRole: 'admin' | 'secretary' | null): Me => ({
  kind: 'person',
  personId: '01a22067-ce58-77c1-b3b3-07c89ebf83ed',
  name: 'Karen',
  personKind: staffRole ? 'staff' : 'member',
  staffRole,
  councilIds: [],
  staffCouncilIds: [],
  linkedResidents: [],
  actingFor: null,
  holdKey: 'k'.repeat(43),
})

describe('the notice after the server ended a session', () => {
  it('asks a resident whether their card was blocked', () => {
    expect(endedNotice(person(null), false)).toBe('session-ended')
  })

  it('tells staff they were signed out after a while or elsewhere, not about a card they do not have', () => {
    expect(endedNotice(person('secretary'), false)).toBe('staff-session-ended')
    expect(endedNotice(person('admin'), false)).toBe('staff-session-ended')
  })

  it('tells a kiosk screen it was stopped', () => {
    expect(endedNotice({ kind: 'kiosk', councilId: '01a22067-ce58-77c1-b3b3-07c89ebf83ed', councilName: 'Solbakken', mode: 'shared-screen' }, false)).toBe('kiosk-ended')
  })

  it('says a plain "Du er logget ud" when this browser is signing out itself', () => {
    expect(endedNotice(person('secretary'), true)).toBe('signed-out')
    expect(endedNotice(person(null), true)).toBe('signed-out')
  })
})
