" Vim plugin: starts the pathway language server, `pathwayc lsp`, for
" pathway files, through the LSP plugin you use: prabirshrestha/vim-lsp or
" yegappan/lsp (Vim itself has no LSP client). With neither, it does
" nothing. Neovim has its own client: plugin/pathwayc_lsp.lua.
"
"   let g:pathwayc_path = '/path/to/pathwayc'  " the command (default: pathwayc, on PATH)
"   let g:pathwayc_lsp = 0                     " do not start the server
"
" Put those in your vimrc (before plugins load). When the command is not
" found it says so once, and pathway files get highlighting only.
if has('nvim') || exists('g:loaded_pathwayc_lsp') || !get(g:, 'pathwayc_lsp', 1)
  finish
endif
let g:loaded_pathwayc_lsp = 1

" The server's program, as a full path; '' (after saying so, once) when it
" is not there.
let s:warned = 0
function! s:Program() abort
  let cmd = expand(get(g:, 'pathwayc_path', 'pathwayc'))
  let path = exepath(cmd)
  if empty(path) && !s:warned
    let s:warned = 1
    echohl WarningMsg
    echomsg cmd . ' was not found: install pathwayc or set g:pathwayc_path (the pathwayc command, or its full path); pathway files get highlighting only'
    echohl None
  endif
  return path
endfunction

" prabirshrestha/vim-lsp: on its User lsp_setup.
function! s:VimLsp() abort
  let program = s:Program()
  if empty(program)
    return
  endif
  call lsp#register_server({
        \ 'name': 'pathwayc',
        \ 'cmd': {server_info -> [program, 'lsp']},
        \ 'allowlist': ['pathway'],
        \ })
endfunction

" yegappan/lsp: on its User LspSetup, or when Vim has started if that came
" first (the order plugins load in); once.
let s:added = 0
function! s:YegappanLsp() abort
  if s:added || !exists('*LspAddServer')
    return
  endif
  let s:added = 1
  let program = s:Program()
  if empty(program)
    return
  endif
  call LspAddServer([{'name': 'pathwayc', 'filetype': ['pathway'], 'path': program, 'args': ['lsp']}])
endfunction

augroup pathwayc_lsp
  autocmd!
  autocmd User lsp_setup call s:VimLsp()
  autocmd User LspSetup call s:YegappanLsp()
  autocmd VimEnter * call s:YegappanLsp()
augroup END
