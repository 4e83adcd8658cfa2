import type { Field, GlobalConfig } from 'payload'

import { hrefField } from '../fields/href'
import { homePreview } from '../publishing/preview'
import { editorialGlobal } from './editorialGlobal'

const section = (name: string, label: string, description: string): Field => ({
  name,
  label,
  type: 'group',
  admin: { description },
  fields: [
    { name: 'heading', type: 'text', required: true, maxLength: 120 },
    { name: 'body', type: 'richText', required: true },
  ],
})

export const Home: GlobalConfig = editorialGlobal({
  slug: 'home',
  label: 'Home page',
  admin: { group: 'Content', description: 'The texts of the home page, top to bottom.', ...homePreview.admin },
  endpoints: [homePreview.endpoint],
  fields: [
    section('vision', 'Our vision', 'The opening statement at the top of the home page.'),
    section('whoWeAre', 'Who we are', 'Who the organization is and whom it organizes.'),
    {
      name: 'joinCall',
      label: 'Call to join',
      type: 'group',
      admin: { description: 'The invitation that closes the home page.' },
      fields: [
        { name: 'heading', type: 'text', required: true, maxLength: 120 },
        { name: 'text', type: 'textarea', required: true, maxLength: 600 },
        { name: 'linkLabel', type: 'text', maxLength: 60 },
        hrefField({ name: 'linkUrl', label: 'Link address', maxLength: 300, admin: { description: 'A path such as /wire, or a full https:// address.' } }),
      ],
    },
  ],
})
