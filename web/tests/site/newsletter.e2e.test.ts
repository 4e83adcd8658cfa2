/**
 * "Get the Wire" as people use it, in Chromium against the built site and a real SMTP server:
 * sign up without JavaScript (footer form) and with it (/wire), get the email, confirm, and
 * unsubscribe with one click, or without the email, by asking for the link; expired and reused
 * links get a clear page.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { AxeBuilder } from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium } from 'cms/testing'

import { CONFIRM_TTL_SECONDS } from '../setup/builtSite'
import { subscriber } from './cmsAdmin'
import { screenshots } from './chromium'
import { linksIn, mailTo } from './mail'
import { serveBuild } from './serveBuild'

let browser: Browser
let site: Awaited<ReturnType<typeof serveBuild>>

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  site?.stop()
})

const heading = async (page: import('playwright-core').Page) => (await page.locator('h1').first().textContent())?.trim()

describe('signing up without JavaScript, from a page footer', () => {
  const email = 'no-js@reader.example'

  it('confirms by email and unsubscribes with one click', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${site.url}/faq`)
    const form = page.locator('footer form')
    await form.getByLabel('Email address').fill(email)
    await form.getByLabel('First name').fill('Noa')
    await form.getByRole('button', { name: 'Sign up' }).click()
    await page.waitForURL('**/wire/check-your-inbox')
    expect(await heading(page)).toBe('Check your inbox')
    // Recorded by the CMS a moment after the site server answered.
    await expect.poll(() => subscriber(email), { timeout: 20_000 }).toMatchObject({ status: 'pending', sourcePage: '/faq' })

    const mail = await mailTo(email)
    expect(mail.subject).toBe('Confirm your subscription to Get the Wire')
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ')
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <https:\/\/site\.example\/wire\/unsubscribe\?token=\d+\.[\w-]+>$/)
    expect(mail.html).toContain('Confirm my subscription')
    const links = linksIn(mail, site.url)

    await page.goto(links.confirm)
    expect(await heading(page)).toBe('Confirm your subscription')
    expect((await subscriber(email))?.status).toBe('pending')
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    expect(await heading(page)).toBe('You are subscribed')
    expect(await subscriber(email)).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) })

    // The same link again: refused, clearly.
    await page.goto(links.confirm)
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    expect(await heading(page)).toBe('This link does not work')

    // A link scanner opening the unsubscribe link changes nothing...
    await page.goto(links.unsubscribe)
    expect(await heading(page)).toBe('Unsubscribe')
    expect((await subscriber(email))?.status).toBe('confirmed')
    // ...the RFC 8058 one-click POST a mail client sends, without cookies, unsubscribes at once.
    const oneClick = await fetch(links.unsubscribe, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    expect(await subscriber(email)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(String) })
    await context.close()
  })
})

describe('signing up with JavaScript, on /wire', () => {
  const email = 'with-js@reader.example'

  it('answers inline, announced to assistive tech and focused, without leaving the page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${site.url}/wire`)
    const form = page.locator('main form')
    const status = form.locator('[role="status"]')
    await form.getByLabel('Email address').fill('not-an-address')
    await form.getByLabel('First name').fill('N'.repeat(300))
    await page.waitForTimeout(3100) // a person takes longer than the time trap's 3 s
    await form.getByRole('button', { name: 'Sign up' }).click()
    const error = form.locator('[data-error-for="email"]')
    await expect.poll(() => error.textContent()).toMatch(/Enter an email address like name@example\.org/)
    expect(await form.getByLabel('Email address').getAttribute('aria-describedby')).toBe(await error.getAttribute('id'))
    expect(await form.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email')
    // A pasted name too long is not cut short in silence: the form says so.
    expect(await form.getByLabel('First name').inputValue()).toHaveLength(300)
    expect(await form.locator('[data-error-for="firstName"]').textContent()).toMatch(/at most 100 characters \(this one has 300\)/)

    await form.getByLabel('Email address').fill(email)
    await form.getByLabel('First name').fill('Noor')
    await form.getByRole('button', { name: 'Sign up' }).click()
    await expect.poll(() => status.textContent()).toMatch(/we have sent an email to with-js@reader\.example.*spam folder/)
    expect(await status.getAttribute('aria-live')).toBe('polite')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status')
    expect(page.url()).toBe(`${site.url}/wire`)
    await mailTo(email)
    expect((await subscriber(email))?.status).toBe('pending')
    await context.close()
  })

  it('asks a person who sends the form within 3 s to press once more, and never says “done” for nothing', async () => {
    const fast = 'autofill@reader.example'
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${site.url}/wire`)
    const form = page.locator('main form')
    const status = form.locator('[role="status"]')
    await form.getByLabel('Email address').fill(fast)
    await form.getByRole('button', { name: 'Sign up' }).click()
    await expect.poll(() => status.textContent()).toMatch(/One more step/)
    expect(await form.getByLabel('Email address').inputValue()).toBe(fast)
    expect(await subscriber(fast)).toBeUndefined()
    await page.waitForTimeout(3100)
    await form.getByRole('button', { name: 'Sign up' }).click()
    await expect.poll(() => status.textContent()).toMatch(/we have sent an email to autofill@reader\.example/)
    await mailTo(fast)
    expect((await subscriber(fast))?.status).toBe('pending')
    await context.close()
  })
})

describe('a bad address without JavaScript, from the home page', () => {
  it('shows the form once, under one heading, with focus on the field to fix', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(site.url)
    const form = page.locator('main form').first()
    await form.getByLabel('Email address').fill('dana.example.org')
    await form.getByRole('button', { name: 'Sign up' }).click()
    await page.waitForURL('**/wire/signup')
    expect(await page.locator('h1').count()).toBe(1)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email')
    expect(await page.locator('main form').getByLabel('Email address').inputValue()).toBe('dana.example.org')

    // Fixed and sent again from that page: the sign-up is recorded as made on the home page, where it began.
    await page.locator('main form').getByLabel('Email address').fill('dana@reader.example')
    await page.locator('main form').getByRole('button', { name: 'Sign up' }).click()
    await page.waitForURL('**/wire/check-your-inbox')
    await expect.poll(() => subscriber('dana@reader.example'), { timeout: 20_000 }).toMatchObject({ status: 'pending', sourcePage: '/' })
    await context.close()
  })
})

describe('an expired confirmation link', () => {
  const email = 'too-late@reader.example'

  it('explains that it expired and sends a new one that works', async () => {
    const signup = await fetch(`${site.url}/wire/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email }),
      redirect: 'manual',
    })
    expect(signup.status).toBe(303)
    const first = linksIn(await mailTo(email), site.url)
    await new Promise((resolve) => setTimeout(resolve, (CONFIRM_TTL_SECONDS + 1) * 1000))

    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(first.confirm)
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    expect(await heading(page)).toBe('This link has expired')
    expect((await subscriber(email))?.status).toBe('pending')
    await page.getByRole('button', { name: 'Send me a new link' }).click()
    await page.waitForURL('**/wire/check-your-inbox')

    const second = linksIn(await mailTo(email, 2), site.url)
    expect(second.confirm).not.toBe(first.confirm)
    await page.goto(second.confirm)
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    expect(await heading(page)).toBe('You are subscribed')
    await context.close()
  }, 90_000)
})

describe('unsubscribing without the email', () => {
  const email = 'lost-the-emails@reader.example'

  it('emails the link to an address on the list, answers the same for any address, and the link works', async () => {
    // On the list: signed up and confirmed.
    const signup = await fetch(`${site.url}/wire/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, sourcePage: '/wire' }),
      redirect: 'manual',
    })
    expect(signup.status).toBe(303)
    const confirm = linksIn(await mailTo(email), site.url).confirm
    expect((await fetch(confirm, { method: 'POST' })).status).toBe(200)
    await expect.poll(() => subscriber(email), { timeout: 20_000 }).toMatchObject({ status: 'confirmed' })

    // The page has no script of its own; axe needs JavaScript to run in it.
    const context = await browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    const ask = async (address: string) => {
      await page.goto(`${site.url}/wire/unsubscribe`)
      expect(await heading(page)).toBe('Unsubscribe')
      await page.getByLabel('Email address').fill(address)
      await page.getByRole('button', { name: 'Email me the link' }).click()
      return page.locator('main').innerText()
    }
    // A bad address is refused on the field, which takes focus.
    await ask('not-an-address')
    expect(await page.getByText('Enter an email address like name@example.org.').isVisible()).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unsubscribe-email')
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
    mkdirSync(screenshots, { recursive: true })
    await page.screenshot({ path: path.join(screenshots, 'unsubscribe-without-email-error.png'), fullPage: true })

    const forStranger = await ask('nobody-here@reader.example')
    const forSubscriber = await ask(email)
    expect(await heading(page)).toBe('Check your inbox')
    expect(forSubscriber.replace(email, 'X')).toBe(forStranger.replace('nobody-here@reader.example', 'X'))
    await page.screenshot({ path: path.join(screenshots, 'unsubscribe-without-email-sent.png'), fullPage: true })

    const mail = await mailTo(email, 2)
    expect(mail.subject).toBe('Your link to unsubscribe from Get the Wire')
    const link = new URL(/https?:\/\/\S+\/wire\/unsubscribe\?token=[\w.-]+/.exec(mail.text ?? '')![0])
    await page.goto(`${site.url}${link.pathname}${link.search}`)
    await page.getByRole('button', { name: 'Unsubscribe' }).click()
    expect(await heading(page)).toBe('You are unsubscribed')
    expect((await subscriber(email))?.status).toBe('unsubscribed')
    await context.close()
  }, 180_000)
})
