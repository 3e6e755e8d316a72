" Vim filetype detection: pathway files of pathwayc (docs/language.md).
autocmd BufNewFile,BufRead *.pathway setfiletype pathway
