/**
 * Content the site tests add to the seeded CMS through its REST API, as an editor would: a
 * published 5784 report using every block, an FAQ entry with an image, and drafts that must never
 * reach the site.
 */
import { pdf, png } from 'cms/testing'

type Credentials = { email: string; password: string }

/** A Lexical paragraph of plain text, as the admin's editor saves one. */
export const paragraph = (text: string) => ({
  type: 'paragraph',
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
})
const block = (fields: Record<string, unknown>) => ({ type: 'block', version: 2, format: '', fields })
/** A Lexical document of the given blocks. */
export const richText = (...children: unknown[]) => ({
  root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children },
})

const upload = (media: number) => ({ type: 'upload', version: 3, format: '', id: `upload-${media}`, fields: null, relationTo: 'media', value: media })

export const REPORT_5784 = {
  hebrewYear: 5784,
  title: 'Annual Report 5784',
  summary: 'A year of organizing for a ceasefire, alongside our partners.',
  _status: 'published',
  body: richText(
    paragraph('This year we organized as never before.'),
    block({
      id: 'a1',
      blockName: '',
      blockType: 'highlights',
      heading: 'The year in numbers',
      items: [
        { id: 'h1', figure: '12,000', label: 'people at our first national action' },
        { id: 'h2', figure: '85', label: 'chapters across the country' },
      ],
    }),
    block({
      id: 'a2',
      blockName: '',
      blockType: 'partnerQuote',
      quote: 'They showed up when it mattered.',
      name: 'A partner',
      organization: 'A Palestinian-led coalition',
    }),
    block({
      id: 'a3',
      blockName: '',
      blockType: 'financialBreakdown',
      heading: 'Where the money came from and went',
      currency: 'USD',
      lines: [
        { id: 'f1', kind: 'income', label: 'Individual donors', amount: 900000 },
        { id: 'f2', kind: 'expense', label: 'Organizing', amount: 600000 },
        { id: 'f3', kind: 'income', label: 'Foundations and institutional grants for organizing', amount: 350000 },
        { id: 'f4', kind: 'expense', label: 'Communications', amount: 210000 },
        { id: 'f5', kind: 'expense', label: 'Administration and fundraising', amount: 95000 },
      ],
      note: 'Unaudited figures.',
    }),
  ),
}

export const DRAFT_REPORT = { hebrewYear: 5790, title: 'Draft Report 5790', summary: 'Not ready yet.', _status: 'draft' }
export const DRAFT_VALUE = { title: 'A draft value nobody approved', summary: 'Still a draft.', _status: 'draft' }
export const DRAFT_FAQ = { question: 'A draft question nobody approved?', answer: richText(paragraph('A draft answer.')), _status: 'draft' }
/** A draft edit of the published home page. */
export const DRAFT_HOME_JOIN_HEADING = 'A draft call to join nobody approved'

/**
 * Signs the admin in, once for the whole run: Payload keeps a user's sessions in one list that
 * each sign-in reads and writes back whole, so two at once can lose one of them (and its token).
 */
export async function signIn(cmsUrl: string, { email, password }: Credentials): Promise<string> {
  const login = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const { token } = (await login.json()) as { token?: string }
  if (!login.ok || !token) throw new Error(`Signing in as ${email} answered ${login.status}`)
  return token
}

export async function addTestContent(cmsUrl: string, token: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${cmsUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`)
  }
  const cover = await uploadFile(cmsUrl, token, await png(1600, 900, '#1d5a4f'), 'cover-5784.png', 'image/png', COVER_ALT)
  const inline = await uploadFile(cmsUrl, token, await png(800, 400, '#1d5a4f'), 'inline-5784.png', 'image/png', INLINE_ALT)
  const reportPdf = await uploadFile(cmsUrl, token, pdf('Annual Report 5784'), 'report-5784.pdf', 'application/pdf', 'Annual Report 5784 (PDF)')
  const body = { root: { ...REPORT_5784.body.root, children: [...REPORT_5784.body.root.children, upload(inline)] } }
  await post('/api/annual-reports', { ...REPORT_5784, body, coverImage: cover, pdf: reportPdf })
  // The draft's cover is used by nothing published: private until it is (only staff can read it).
  const draftCover = await uploadFile(cmsUrl, token, await png(1200, 600, '#5a1d4f'), 'cover-5790.png', 'image/png', DRAFT_COVER_ALT)
  await post('/api/annual-reports?draft=true', { ...DRAFT_REPORT, coverImage: draftCover })
  await post('/api/values?draft=true', DRAFT_VALUE)
  const categories = (await (await fetch(`${cmsUrl}/api/faq-categories?limit=1`)).json()) as { docs: { id: number }[] }
  await post('/api/faqs?draft=true', { ...DRAFT_FAQ, category: categories.docs[0]!.id })
  const faqImage = await uploadFile(cmsUrl, token, await png(640, 360, '#8a3b12'), 'faq-chapters.png', 'image/png', FAQ_IMAGE_ALT)
  const faqAnswer = richText(paragraph(FAQ_WITH_IMAGE.answerText), upload(faqImage))
  await post('/api/faqs', { question: FAQ_WITH_IMAGE.question, answer: faqAnswer, category: categories.docs[0]!.id, _status: 'published' })
  const home = (await (await fetch(`${cmsUrl}/api/globals/home`)).json()) as { joinCall: Record<string, unknown> }
  await post('/api/globals/home?draft=true', { joinCall: { ...home.joinCall, heading: DRAFT_HOME_JOIN_HEADING }, _status: 'draft' })
}

/** A published FAQ entry whose answer shows an image, as the admin's /upload command inserts one. */
export const FAQ_WITH_IMAGE = { question: 'What does a chapter meeting look like?', answerText: 'Here is one of ours.' }
export const FAQ_IMAGE_ALT = 'Chapter members around a table, planning a vigil'
export const COVER_ALT = 'Marchers with a banner reading Ceasefire Now'
export const DRAFT_COVER_ALT = 'Volunteers folding leaflets for next year’s campaign'
export const INLINE_ALT = 'A map of the chapters across the country'

/** A real upload to the CMS's media collection; its id. */
async function uploadFile(cmsUrl: string, token: string, bytes: Buffer, name: string, type: string, alt: string): Promise<number> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  form.append('_payload', JSON.stringify({ alt }))
  const response = await fetch(`${cmsUrl}/api/media`, { method: 'POST', headers: { Authorization: `JWT ${token}` }, body: form })
  if (!response.ok) throw new Error(`Uploading ${name} answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { doc: { id: number } }).doc.id
}
