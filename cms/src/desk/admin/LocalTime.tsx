'use client'
import { useEffect, useState } from 'react'

/** Day, hours and minutes, and the zone named, as the rest of the admin shows a moment (fields/dateAndTime.ts). */
const MOMENT: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
}

/**
 * A moment in the admin's own time zone (the browser's): the server renders it in UTC, saying
 * so, and the browser puts it in its zone once loaded.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => new Intl.DateTimeFormat('en-GB', { ...MOMENT, timeZone: 'UTC' }).format(new Date(iso)))
  useEffect(() => {
    setText(new Intl.DateTimeFormat('en-GB', MOMENT).format(new Date(iso)))
  }, [iso])
  return <time dateTime={iso}>{text}</time>
}
