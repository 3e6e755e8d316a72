" tests/editors/vim-lsp-test.vim — editors/vim/plugin/pathwayc_lsp.vim, in
" Vim itself, one case a run.
"
" Run by tests/editors/vim-lsp-test, as
"   vim -Es -u NONE -i NONE -N --cmd 'set rtp^=editors/vim' -S tests/editors/vim-lsp-test.vim
" with $PATHWAY_CASE the case, $PATHWAY_DIR the folder of the stand-ins for
 pathwayc (bin/pathwayc on PATH, other/my-pathwayc; rt/autoload/lsp.vim,
" vim-lsp's stand-in) and $PATHWAY_VIM_OUT
" the file the results go to: "ok NAME" or "FAIL NAME" (and why).
" vim-lsp's lsp#register_server and yegappan/lsp's LspAddServer are stood
" in for here; their User events are sent as those plugins send them.

let s:out = []
let s:case = $PATHWAY_CASE
let s:dir = $PATHWAY_DIR

function! s:Result(name, why) abort
  if empty(a:why)
    call add(s:out, 'ok vim lsp ' . a:name)
  else
    call add(s:out, 'FAIL vim lsp ' . a:name)
    call extend(s:out, map(split(a:why, "\n"), '"  " . v:val'))
  endif
endfunction

" lsp#register_server: $PATHWAY_DIR/rt/autoload/lsp.vim (on 'runtimepath')
" adds to g:pathway_registered.
let g:pathway_registered = []
let s:registered = g:pathway_registered
let s:added = []
function! LspAddServer(servers) abort
  call add(s:added, a:servers)
endfunction

" What vim-lsp was given: '' when it is the server for pathway files run as
" PROGRAM lsp.
function! s:CheckVimLsp(program) abort
  if len(s:registered) != 1
    return len(s:registered) . ' servers registered with vim-lsp: ' . string(s:registered)
  endif
  let info = s:registered[0]
  let why = []
  if get(info, 'name', '') !=# 'pathwayc'
    call add(why, 'name ' . string(get(info, 'name', '')))
  endif
  let cmd = type(get(info, 'cmd')) == v:t_func ? info.cmd({}) : get(info, 'cmd')
  if cmd != [a:program, 'lsp']
    call add(why, 'cmd gives ' . string(cmd) . ', not ' . string([a:program, 'lsp']))
  endif
  if get(info, 'allowlist', []) != ['pathway']
    call add(why, 'allowlist ' . string(get(info, 'allowlist', [])))
  endif
  return join(why, "\n")
endfunction

function! s:CheckYegappan(program) abort
  if len(s:added) != 1 || len(s:added[0]) != 1
    return 'LspAddServer called with ' . string(s:added)
  endif
  let want = {'name': 'pathwayc', 'filetype': ['pathway'], 'path': a:program, 'args': ['lsp']}
  return s:added[0][0] == want ? '' : string(s:added[0][0]) . ', not ' . string(want)
endfunction

function! s:Warned() abort
  return execute('messages') =~# 'was not found: install pathwayc or set g:pathwayc_path'
endfunction

if s:case ==# 'off'
  let g:pathwayc_lsp = 0
  runtime plugin/pathwayc_lsp.vim
  doautocmd User lsp_setup
  doautocmd User LspSetup
  call s:Result('g:pathwayc_lsp = 0: nothing registered, no autocommands',
        \ empty(s:registered) && empty(s:added) && !exists('#pathwayc_lsp')
        \ ? '' : string([s:registered, s:added, exists('#pathwayc_lsp')]))

elseif s:case ==# 'vim-lsp'
  runtime plugin/pathwayc_lsp.vim
  call s:Result('the plugin is loaded', exists('g:loaded_pathwayc_lsp') ? '' : 'g:loaded_pathwayc_lsp is not set')
  doautocmd User lsp_setup
  call s:Result('vim-lsp: `pathwayc lsp` (found on PATH) for the filetype pathway',
        \ s:CheckVimLsp(s:dir . '/bin/pathwayc'))
  call s:Result('vim-lsp alone: nothing said, nothing given to yegappan/lsp',
        \ empty(s:added) && !s:Warned() ? '' : string(s:added) . execute('messages'))

elseif s:case ==# 'yegappan'
  runtime plugin/pathwayc_lsp.vim
  doautocmd User LspSetup
  doautocmd VimEnter
  call s:Result('yegappan/lsp: `pathwayc lsp` for the filetype pathway, once (LspSetup, then VimEnter)',
        \ s:CheckYegappan(s:dir . '/bin/pathwayc'))

elseif s:case ==# 'yegappan-late'
  " yegappan/lsp loaded first: its LspSetup went before this plugin was there.
  runtime plugin/pathwayc_lsp.vim
  doautocmd VimEnter
  call s:Result('yegappan/lsp loaded first: added when Vim has started',
        \ s:CheckYegappan(s:dir . '/bin/pathwayc'))

elseif s:case ==# 'path'
  let g:pathwayc_path = s:dir . '/other/my-pathwayc'
  runtime plugin/pathwayc_lsp.vim
  doautocmd User lsp_setup
  doautocmd User LspSetup
  call s:Result('g:pathwayc_path: vim-lsp runs that command', s:CheckVimLsp(s:dir . '/other/my-pathwayc'))
  call s:Result('g:pathwayc_path: yegappan/lsp runs that command', s:CheckYegappan(s:dir . '/other/my-pathwayc'))

elseif s:case ==# 'missing' || s:case ==# 'notexec'
  runtime plugin/pathwayc_lsp.vim
  doautocmd User lsp_setup
  doautocmd User LspSetup
  let s:what = s:case ==# 'missing' ? 'pathwayc not on PATH' : 'pathwayc on PATH but not executable'
  call s:Result(s:what . ': nothing registered', empty(s:registered) && empty(s:added)
        \ ? '' : string([s:registered, s:added]))
  call s:Result(s:what . ': "pathwayc was not found: install pathwayc or set g:pathwayc_path", once',
        \ len(filter(split(execute('messages'), "\n"), 'v:val =~# "was not found"')) == 1
        \ && execute('messages') =~# 'pathwayc was not found: install pathwayc or set g:pathwayc_path'
        \ ? '' : 'messages: ' . execute('messages'))

elseif s:case ==# 'readme-vim-lsp' || s:case ==# 'readme-yegappan'
  " The README's lines in a vimrc, without the plugin.
  let s:vim_lsp = s:case ==# 'readme-vim-lsp'
  let s:file = s:dir . (s:vim_lsp ? '/readme1.vim' : '/readme2.vim')
  if !filereadable(s:file)
    call s:Result(s:case, 'editors/vim/README.md has no ```vim block for it')
  else
    execute 'source' fnameescape(s:file)
    doautocmd User lsp_setup
    doautocmd User LspSetup
    if s:vim_lsp
      call s:Result('README, vim-lsp: `pathwayc lsp` for the filetype pathway', s:CheckVimLsp('pathwayc'))
      call s:Result('README, vim-lsp: nothing given to yegappan/lsp', empty(s:added) ? '' : string(s:added))
    else
      call s:Result('README, yegappan/lsp: `pathwayc lsp` for the filetype pathway', s:CheckYegappan(s:dir . '/bin/pathwayc'))
      call s:Result('README, yegappan/lsp: nothing given to vim-lsp', empty(s:registered) ? '' : string(s:registered))
    endif
  endif

else
  call s:Result('case ' . s:case, 'no such case')
endif

call writefile(s:out, $PATHWAY_VIM_OUT)
qall!
