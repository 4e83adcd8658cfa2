import { createServerFeature } from '@payloadcms/richtext-lexical'

/** Home and End keys that move the caret from a selected image (see feature.client.tsx). */
export const CaretFromSelectedNodeFeature = createServerFeature({
  key: 'caretFromSelectedNode',
  feature: { ClientFeature: '/fields/caretFromSelectedNode/feature.client#CaretFromSelectedNodeClient' },
})
