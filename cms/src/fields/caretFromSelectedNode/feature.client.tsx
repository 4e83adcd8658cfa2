'use client'
import { createClientFeature } from '@payloadcms/richtext-lexical/client'
import { $getRoot, $getSelection, $isNodeSelection, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND } from '@payloadcms/richtext-lexical/lexical'
import { useLexicalComposerContext } from '@payloadcms/richtext-lexical/lexical/react/LexicalComposerContext'
import { useEffect } from 'react'

/**
 * Home, End, Ctrl+Home and Ctrl+End while an image (or another block-like node) is selected. Lexical
 * keeps the image selected while the browser moves its own caret, so the next letter typed lands
 * where the browser put it and Lexical then places the caret at the very start of the text: "Hi all"
 * typed after Ctrl+End came out as "H" at the end and "lla i" at the start of the first paragraph
 * (seen in Payload 3.90.1 with its Lexical, in Chromium, driven by Playwright as by hand;
 * tests/richTextTyping.e2e.test.ts). Upstream: Lexical's NodeSelection does not follow the
 * browser's caret and its insertText does nothing (facebook/lexical#4617 for End-like keys next to a
 * decorator; basecamp/lexxy#849 traces the same cause). Here the keys move Lexical's own selection
 * instead: to the end or start of the text with Ctrl, else to just after or before the selected
 * node. Remove this feature once the Lexical Payload ships passes that test without it.
 */
function CaretFromSelectedNodePlugin() {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event: KeyboardEvent) => {
          if ((event.key !== 'End' && event.key !== 'Home') || event.altKey || event.shiftKey || event.metaKey) return false
          const selection = $getSelection()
          if (!$isNodeSelection(selection)) return false
          const [node] = selection.getNodes()
          if (!node) return false
          event.preventDefault()
          const toEnd = event.key === 'End'
          if (event.ctrlKey) {
            if (toEnd) $getRoot().selectEnd()
            else $getRoot().selectStart()
          } else if (toEnd) node.selectNext()
          else node.selectPrevious()
          return true
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  )
  return null
}

export const CaretFromSelectedNodeClient = createClientFeature({
  plugins: [{ Component: CaretFromSelectedNodePlugin, position: 'normal' }],
})
