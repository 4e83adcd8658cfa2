/** The publishing components of the admin, by the import map's path (see payload.config.ts importMap). */
export const GOING_LIVE = '/publishing/admin/GoingLive#GoingLive'
export const NOT_ON_SITE = '/publishing/admin/NotOnSite#NotOnSite'
export const WRITER_NOTE = '/publishing/admin/WriterNote#WriterNote'
export const REORDER_NOTE = '/publishing/admin/WriterNote#ReorderNote'
export const ASK_FOR_REVIEW = '/collections/ReviewRequests/admin/AskForReview#AskForReview'
export const UNTITLED_HEADING = '/publishing/admin/UntitledHeading#UntitledHeading'
export const ALSO_SHOWN_ON_LINK = '/publishing/admin/AlsoShownOn#AlsoShownOn'
