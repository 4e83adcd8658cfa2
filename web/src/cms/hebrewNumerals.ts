const ONES = ['', 'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט']
const TENS = ['', 'י', 'כ', 'ל', 'מ', 'נ', 'ס', 'ע', 'פ', 'צ']
const HUNDREDS = ['', 'ק', 'ר', 'ש', 'ת', 'תק', 'תר', 'תש', 'תת', 'תתק']

/**
 * A Hebrew year in Hebrew letters as it is usually written, thousands omitted:
 * 5783 → תשפ״ג. 15 and 16 are written ט״ו and ט״ז, as is customary.
 */
export function hebrewYearInLetters(year: number): string {
  const rest = year % 1000
  let letters = HUNDREDS[Math.floor(rest / 100)]!
  const tensAndOnes = rest % 100
  if (tensAndOnes === 15 || tensAndOnes === 16) {
    letters += tensAndOnes === 15 ? 'טו' : 'טז'
  } else {
    letters += TENS[Math.floor(tensAndOnes / 10)]! + ONES[tensAndOnes % 10]!
  }
  return letters.length === 1 ? `${letters}׳` : `${letters.slice(0, -1)}״${letters.slice(-1)}`
}
