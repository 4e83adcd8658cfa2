import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { receivedFrom } from '../src/auth/clientIp'
import { apiClient } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
})

describe('staff accounts', () => {
  it('make the very first account an admin, whatever role it asks for', async () => {
    const response = await api.request('POST', '/api/users/first-register', {
      body: { email: 'founder@test.example', password: 'a-long-password-1', name: 'Founder', role: 'writer' },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const [founder] = (await payload.find({ collection: 'users' })).docs
    expect(founder?.role).toBe('admin')

    const second = await api.request('POST', '/api/users/first-register', {
      body: { email: 'second@test.example', password: 'a-long-password-1', name: 'Second' },
    })
    expect(second.status).toBe(403)
  })

  it('lock an account after ten wrong passwords, even for the right one, without saying so', async () => {
    await payload.create({
      collection: 'users',
      data: { email: 'target@test.example', password: 'the-right-password', name: 'Target', role: 'editor' },
    })
    // From ten addresses: one address may fail only five times in a row (security.accounts.int.test.ts).
    const from = (attempt: number) => receivedFrom(`192.0.2.${attempt}`)
    for (let attempt = 1; attempt <= 10; attempt++) {
      const wrong = await api.request('POST', '/api/users/login', {
        body: { email: 'target@test.example', password: `wrong-${attempt}` },
        headers: from(attempt),
      })
      expect(wrong.status).toBe(401)
    }
    const right = await api.request('POST', '/api/users/login', {
      body: { email: 'target@test.example', password: 'the-right-password' },
      headers: from(11),
    })
    expect(right.status).toBe(401)
    expect(JSON.stringify(right.body)).toMatch(/email or password provided is incorrect/)
    expect(right.body.token).toBeUndefined()
  })

  it('sign in with the right password', async () => {
    await payload.create({
      collection: 'users',
      data: { email: 'fine@test.example', password: 'the-right-password', name: 'Fine', role: 'writer' },
    })
    const response = await api.request('POST', '/api/users/login', {
      body: { email: 'fine@test.example', password: 'the-right-password' },
    })
    expect(response.status).toBe(200)
    expect(response.body.token).toEqual(expect.any(String))
  })
})
