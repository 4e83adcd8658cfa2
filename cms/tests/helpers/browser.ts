import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'

const withoutFakeTime = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).flatMap(([name, value]) =>
      value === undefined || name === 'FAKETIME' || (name === 'LD_PRELOAD' && value.includes('faketime')) ? [] : [[name, value]],
    ),
  )

/** Debian's Chromium, headless, with no calls home (the machines have no network). */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not at ${executablePath}. The browser tests drive Debian's Chromium: \`bash scripts/test-tools.sh\` installs it ` +
        '(on Debian: apt-get install chromium), or set CHROMIUM_PATH to another Chromium.',
    )
  }
  return chromium.launch({
    executablePath,
    // Under libfaketime (the suite run with the clock moved ahead, README "Testing"), Chromium gets
    // the real clock: its processes take the preload unevenly, and a browser whose processes
    // disagree on the time stalls its own timers (a meta refresh, the admin's sign-in). The browser
    // stands for a visitor's machine; the clock that is moved is the servers'.
    ...(process.env.FAKETIME && { env: withoutFakeTime(process.env) }),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/**
 * Signs in to the admin in `page` and waits for the dashboard. The first visit compiles the admin
 * (next dev), which takes long on a busy machine.
 */
export async function signInToAdmin(page: Page, cmsUrl: string, { email, password }: { email: string; password: string }): Promise<void> {
  await page.goto(`${cmsUrl}/admin/login`, { timeout: 180_000 })
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', password)
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/admin\/?$/)
}

/**
 * Waits until React has hydrated the element: the admin's HTML arrives server-rendered, and on a
 * busy machine a click or a drag can land before its handlers exist and do nothing at all.
 */
export async function waitForHydration(element: Locator): Promise<void> {
  await element.first().evaluate(
    (node) =>
      new Promise<void>((resolve) => {
        const hydrated = () => Object.keys(node).some((key) => key.startsWith('__reactProps'))
        const check = () => (hydrated() ? resolve() : setTimeout(check, 50))
        check()
      }),
  )
}

/**
 * Waits until Payload's document form is ready to be typed into and submitted: hydrated, and done
 * loading its first form state (the mark is set in the browser only). Until then Payload ignores a submit and may overwrite what was
 * typed (its own end-to-end tests wait for the same `data-form-ready` mark).
 */
export async function waitForDocumentForm(page: Page): Promise<void> {
  await waitForHydration(page.locator('form[data-form-ready="true"]'))
}

/**
 * Types into fields of Payload's document form, then waits for the form state Payload asks the
 * server for 250 ms after the last change, as a person's pause before pressing Save gives it.
 * Pressed sooner, Save races that request: when the save's answer (a field's error) comes back
 * first, the late form state (asked for before the submit, so not validated: `valid` is unset, and
 * Payload's mergeServerFormState takes unset as valid) hides the error, and nothing asks again.
 * That is what Payload's code allows, and the likeliest cause of a failure CI saw once on a busy
 * machine (the webhook address's error never showed; not reproduced here in 7 runs under load).
 */
export async function fillDocumentFields(page: Page, values: Record<string, string>): Promise<void> {
  // The form state is a Next.js server action: a POST carrying a Next-Action header.
  const formState = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().headers()['next-action'] !== undefined)
  for (const [selector, value] of Object.entries(values)) await page.fill(selector, value)
  await formState
}

const screenshotDir = path.resolve(import.meta.dirname, '../screenshots')

/** Saves a full-page PNG under cms/tests/screenshots (gitignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true })
}
