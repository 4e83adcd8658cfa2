import type { GlobalConfig } from 'payload'

import { hrefField } from '../fields/href'
import { editorialGlobal } from './editorialGlobal'

export const SiteSettings: GlobalConfig = editorialGlobal({
  slug: 'site-settings',
  label: 'Site settings',
  admin: { group: 'Settings', description: 'Name, navigation, footer, social links and the newsletter pitch.' },
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Identity',
          fields: [
            { name: 'siteName', type: 'text', required: true, maxLength: 80 },
            // The home page's description for search engines and link previews.
            { name: 'tagline', type: 'text', maxLength: 160, custom: { checks: 'searchSnippet' } },
            {
              name: 'postalAddress',
              type: 'textarea',
              maxLength: 300,
              admin: { description: 'Printed in every email (required by anti-spam law) and in the footer.' },
            },
            {
              name: 'icon',
              label: 'Site icon',
              type: 'upload',
              relationTo: 'media',
              filterOptions: { mimeType: { in: ['image/png', 'image/jpeg', 'image/webp'] } },
              admin: {
                description:
                  'Shown in browser tabs and on phone home screens: a square image of at least 180 × 180 pixels. Leave empty for the organization’s mark.',
              },
            },
          ],
        },
        {
          label: 'Navigation',
          fields: [
            {
              name: 'navigation',
              type: 'array',
              maxRows: 8,
              admin: { description: 'The main menu, in order.' },
              fields: [
                { name: 'label', type: 'text', required: true, maxLength: 40 },
                hrefField({
                  name: 'href',
                  label: 'Address',
                  required: true,
                  maxLength: 300,
                  admin: { description: 'A path such as /values, or a full https:// address.' },
                }),
              ],
            },
            { name: 'footerText', type: 'textarea', maxLength: 600 },
            {
              name: 'socialLinks',
              type: 'array',
              maxRows: 10,
              fields: [
                {
                  name: 'platform',
                  type: 'select',
                  required: true,
                  options: ['Instagram', 'Facebook', 'X', 'Bluesky', 'Threads', 'TikTok', 'YouTube', 'Mastodon'].map((label) => ({
                    label,
                    value: label.toLowerCase(),
                  })),
                },
                hrefField({ name: 'url', label: 'Address', required: true, maxLength: 300 }),
              ],
            },
          ],
        },
        {
          label: 'Newsletter',
          fields: [
            {
              name: 'newsletter',
              type: 'group',
              admin: { description: 'The "Get the Wire" sign-up box on every page.' },
              fields: [
                { name: 'heading', type: 'text', required: true, maxLength: 80 },
                // Also the sign-up page's description for search engines.
                { name: 'pitch', type: 'textarea', required: true, maxLength: 400, custom: { checks: 'searchSnippet' } },
                {
                  name: 'consentText',
                  type: 'textarea',
                  required: true,
                  maxLength: 600,
                  admin: { description: 'Shown beside the form and stored with every sign-up.' },
                },
                {
                  name: 'consentVersion',
                  type: 'text',
                  required: true,
                  maxLength: 40,
                  admin: { description: 'Change this whenever the consent text changes, e.g. 2026-11.' },
                },
              ],
            },
          ],
        },
      ],
    },
  ],
})
