/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /**
     * The visitor's address as the site server resolved it (server/clientAddress.ts, TRUSTED_PROXIES).
     * Behind a proxy, `Astro.clientAddress` is the proxy's: every visitor at once.
     */
    clientAddress?: string
    /** A sign-up the site server already accepted or refused (server/signup.ts), for the page to show. */
    signupOutcome?: import('./newsletter/edge').SignupOutcome
  }
}
