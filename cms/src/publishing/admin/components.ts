/** The publishing components of the admin, by the import map's path (see payload.config.ts importMap). */
export const GOING_LIVE = '/publishing/admin/GoingLive#GoingLive'
