/* assets — the preview server's script and style sheet, built into
 * pathwayc (compiler/server/assets/live.js and live.css, turned into C by
 * scripts/embed as build/gen/server/assets_*.c) and served as
 * /_pathwayc/live.js and /_pathwayc/live.css. NUL-terminated. */
#ifndef PW_SERVER_ASSETS_H
#define PW_SERVER_ASSETS_H

extern const char pw_asset_live_js[];
extern const char pw_asset_live_css[];

#endif
