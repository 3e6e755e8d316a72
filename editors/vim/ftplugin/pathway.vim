" Vim filetype plugin: pathway files of pathwayc (docs/language.md).
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

" `#` comments to the end of the line; names may hold `-` (no-further-action).
setlocal comments=:# commentstring=#\ %s
setlocal formatoptions-=t formatoptions+=croql
setlocal iskeyword=a-z,A-Z,48-57,_,-
setlocal expandtab shiftwidth=2 softtabstop=2

let b:undo_ftplugin = "setlocal comments< commentstring< formatoptions< iskeyword< expandtab< shiftwidth< softtabstop<"
