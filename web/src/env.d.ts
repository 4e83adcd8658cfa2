/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** A sign-up the site server already accepted or refused (server/signup.ts), for the page to show. */
    signupOutcome?: import('./newsletter/edge').SignupOutcome
  }
}
