import rss from '@astrojs/rss'
import type { APIContext } from 'astro'

import { reportsNewestFirst, siteSettings } from '../cms/content'

export async function GET(context: APIContext) {
  const [reports, settings] = await Promise.all([reportsNewestFirst(), siteSettings()])
  return rss({
    title: `${settings.data.siteName}: annual reports`,
    description: `Annual reports from ${settings.data.siteName}.`,
    site: context.site!,
    items: reports.map((report) => ({
      title: report.data.title,
      description: report.data.summary,
      link: `/annual-reports/${report.id}`,
      pubDate: report.data.publishedAt,
    })),
    customData: '<language>en</language>',
    trailingSlash: false,
  })
}
