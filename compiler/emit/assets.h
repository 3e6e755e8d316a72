/* assets — the checklist's style sheet and script, the pathway runtime
 * the script walks with, and the index's script, built into pathwayc.
 *
 * Written as ordinary files in compiler/assets/ and turned into C by
 * scripts/embed when pathwayc is built (build/gen/assets_*.c); the
 * runtime is runtime/js joined into one script by runtime/js/bundle
 * first. Each is a NUL-terminated string, embedded in every checklist
 * page as it is. */
#ifndef PW_ASSETS_H
#define PW_ASSETS_H

extern const char pw_asset_checklist_css[];
extern const char pw_asset_checklist_js[];
extern const char pw_asset_runtime_js[]; /* runtime/js, before the checklist's */
extern const char pw_asset_index_js[]; /* index.html's search */

#endif
