import type { Value } from '../payload-types'

type RichText = NonNullable<Value['body']>

/** Lexical editor state holding plain paragraphs, as the admin's editor would save them. */
export function paragraphs(...texts: string[]): RichText {
  return {
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: texts.map((text) => ({
        type: 'paragraph',
        direction: 'ltr',
        format: '',
        indent: 0,
        version: 1,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
      })),
    },
  } as RichText
}
