import {
  BlockquoteFeature,
  BlocksFeature,
  BoldFeature,
  HeadingFeature,
  HorizontalRuleFeature,
  InlineCodeFeature,
  InlineToolbarFeature,
  ItalicFeature,
  LinkFeature,
  lexicalEditor,
  OrderedListFeature,
  ParagraphFeature,
  StrikethroughFeature,
  SubscriptFeature,
  SuperscriptFeature,
  UnderlineFeature,
  UnorderedListFeature,
  UploadFeature,
} from '@payloadcms/richtext-lexical'
import type { Block } from 'payload'

import { CaretFromSelectedNodeFeature } from './caretFromSelectedNode'

/**
 * The rich-text editor with what the site renders (web/src/cms/richText.ts) and nothing else, so
 * the editor offers no format that would vanish or change on the page: headings 2 to 4 (the page
 * title is the h1), no alignment or indentation (the site sets its own), no check lists, no
 * relationship cards; the blocks a field allows, when it allows any.
 */
export function siteEditor({ blocks }: { blocks?: Block[] } = {}) {
  return lexicalEditor({
    features: () => [
      ParagraphFeature(),
      HeadingFeature({ enabledHeadingSizes: ['h2', 'h3', 'h4'] }),
      BoldFeature(),
      ItalicFeature(),
      UnderlineFeature(),
      StrikethroughFeature(),
      SubscriptFeature(),
      SuperscriptFeature(),
      InlineCodeFeature(),
      // Links by address only: the site does not render links to a document picked from the CMS.
      LinkFeature({ enabledCollections: [] }),
      UnorderedListFeature(),
      OrderedListFeature(),
      BlockquoteFeature(),
      UploadFeature(),
      HorizontalRuleFeature(),
      InlineToolbarFeature(),
      CaretFromSelectedNodeFeature(),
      ...(blocks ? [BlocksFeature({ blocks })] : []),
    ],
  })
}
