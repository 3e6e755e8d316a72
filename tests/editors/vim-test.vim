" tests/editors/vim-test.vim — the Vim files of editors/vim, in Vim itself.
"
" Run by tests/editors/vim-test, as
"   vim -Es -u NONE -i NONE -N --cmd 'set rtp^=editors/vim' -S tests/editors/vim-test.vim
" with $PATHWAY_TOP the top of the tree and $PATHWAY_VIM_OUT the file the
" results go to: "ok NAME" or "FAIL NAME" (and why) for each test, then
" "N passed, M failed".
"
" - Every pathway pathwayc accepts (pathways/, pathways/common/,
"   tests/outputs/, tests/hostile/) is detected as filetype pathway, loads
"   its syntax with no error message, and has no character highlighted as an
"   error.
" - Known places of a sample get the expected syntax groups, and what is not
"   the language is highlighted pathwayError or pathwayBadEscape.

scriptencoding utf-8

let s:out = []
let s:passed = 0
let s:failed = 0

function! s:Result(name, why) abort
  if empty(a:why)
    let s:passed += 1
    call add(s:out, 'ok ' . a:name)
  else
    let s:failed += 1
    call add(s:out, 'FAIL ' . a:name)
    call extend(s:out, map(split(a:why, "\n"), '"  " . v:val'))
  endif
endfunction

" The syntax group at line L, column C (bytes, from 1).
function! s:Group(l, c) abort
  return synIDattr(synID(a:l, a:c, 1), 'name')
endfunction

" Every place of the current buffer highlighted as an error.
function! s:Errors() abort
  let found = []
  for l in range(1, line('$'))
    let text = getline(l)
    let c = 1
    while c <= len(text)
      let g = s:Group(l, c)
      if g ==# 'pathwayError' || g ==# 'pathwayBadEscape'
        call add(found, printf('%d:%d %s: %s', l, c, g, text))
        break
      endif
      let c += 1
    endwhile
  endfor
  return found
endfunction

filetype plugin on
syntax on

let s:top = $PATHWAY_TOP
let s:files = []
for s:dir in ['pathways', 'pathways/common', 'tests/outputs', 'tests/hostile']
  call extend(s:files, sort(glob(s:top . '/' . s:dir . '/*.pathway', 0, 1)))
endfor
if len(s:files) < 10
  call s:Result('the valid pathways', 'only ' . len(s:files) . ' files found under ' . s:top)
endif

for s:f in s:files
  let s:name = 'vim: ' . fnamemodify(s:f, ':s?' . s:top . '/??')
  let v:errmsg = ''
  try
    execute 'silent edit ' . fnameescape(s:f)
    let s:why = []
    if &filetype !=# 'pathway'
      call add(s:why, "filetype is '" . &filetype . "', not pathway")
    endif
    if get(b:, 'current_syntax', '') !=# 'pathway'
      call add(s:why, 'b:current_syntax is not pathway')
    endif
    if &commentstring !=# '# %s'
      call add(s:why, "commentstring is '" . &commentstring . "'")
    endif
    if !empty(v:errmsg)
      call add(s:why, 'error message: ' . v:errmsg)
    endif
    let s:err = s:Errors()
    if !empty(s:err)
      call add(s:why, len(s:err) . ' lines with an error highlighted:')
      call extend(s:why, s:err[:9])
    endif
    call s:Result(s:name . ': filetype pathway, no error highlighted', join(s:why, "\n"))
  catch
    call s:Result(s:name . ': filetype pathway, no error highlighted', v:exception . ' at ' . v:throwpoint)
  endtry
  silent bwipeout!
endfor

" ---- known places of a sample ------------------------------------------------

let s:sample = [
  \ '# a comment TODO',
  \ 'import "common/x.pathway"',
  \ 'contact police_emergency "Police (emergency)" { phone "999" hours "24/7" }',
  \ 'role dsl "Designated Safeguarding Lead"',
  \ 'pathway prevent "Prevent: \"Notice\", \u{2014} Check\tShare\n\\" {',
  \ '  status    draft',
  \ '  review-by 2026-11-30     # reviewed yearly',
  \ '  question immediate_risk "Is anyone at immediate risk of harm?" {',
  \ '    yes -> call_999',
  \ '    no->talk_to_dsl',
  \ '  }',
  \ '  question dash_score "Score" { score 0..27  band 0..13 -> step-2  band 14..27 -> call_999 }',
  \ '  step step-2 "Step two" { by dsl  next talk_to_dsl  contact police_emergency }',
  \ '  step talk_to_dsl "Talk" { within 1 working-day  consent seek-unless-unsafe  urgency urgent  next x }',
  \ '  outcome call_999 "Call 999" { kind no-further-action  review-after 2 weeks }',
  \ '  scenario "s" { answer immediate_risk yes  expect call_999 }',
  \ '  assert immediate_risk within 1 step of start',
  \ '  assert no path reaches call_999 before immediate_risk',
  \ '  note "bad \q and \u2014 and a lone \',
  \ '       and goes on"',
  \ '  note 0.27 ; @ ''single'' → - >',
  \ '}',
  \ ]

enew
call setline(1, s:sample)
setfiletype pathway

" [line (from 1), text, nth occurrence on the line, group]
let s:checks = [
  \ [1, '#', 1, 'pathwayComment'],
  \ [1, 'TODO', 1, 'pathwayTodo'],
  \ [2, 'import', 1, 'pathwayInclude'],
  \ [2, 'common', 1, 'pathwayString'],
  \ [3, 'contact', 1, 'pathwayDeclaration'],
  \ [3, 'police_emergency', 1, 'pathwayName'],
  \ [3, 'phone', 1, 'pathwayField'],
  \ [3, 'hours', 1, 'pathwayField'],
  \ [3, '{', 1, 'pathwayDelimiter'],
  \ [4, 'role', 1, 'pathwayDeclaration'],
  \ [4, 'dsl', 1, 'pathwayName'],
  \ [5, 'pathway', 1, 'pathwayDeclaration'],
  \ [5, 'prevent', 1, 'pathwayName'],
  \ [5, '\"', 1, 'pathwayEscape'],
  \ [5, '\u{2014}', 1, 'pathwayEscape'],
  \ [5, '\t', 1, 'pathwayEscape'],
  \ [5, '\n', 1, 'pathwayEscape'],
  \ [5, '\\', 1, 'pathwayEscape'],
  \ [6, 'status', 1, 'pathwayField'],
  \ [6, 'draft', 1, 'pathwayStatus'],
  \ [7, 'review-by', 1, 'pathwayField'],
  \ [7, '2026-11-30', 1, 'pathwayDate'],
  \ [7, '# reviewed', 1, 'pathwayComment'],
  \ [8, 'question', 1, 'pathwayNodeKind'],
  \ [8, 'immediate_risk', 1, 'pathwayName'],
  \ [9, '->', 1, 'pathwayArrow'],
  \ [9, 'call_999', 1, 'pathwayTarget'],
  \ [10, '->', 1, 'pathwayArrow'],
  \ [10, 'talk_to_dsl', 1, 'pathwayTarget'],
  \ [12, 'score 0', 1, 'pathwayField'],
  \ [12, '..', 1, 'pathwayOperator'],
  \ [12, '27', 1, 'pathwayNumber'],
  \ [12, 'step-2', 1, 'pathwayTarget'],
  \ [12, '..', 3, 'pathwayOperator'],
  \ [13, 'step-2', 1, 'pathwayName'],
  \ [13, 'by', 1, 'pathwayField'],
  \ [13, 'contact', 1, 'pathwayField'],
  \ [14, '1', 1, 'pathwayNumber'],
  \ [14, 'working-day', 1, 'pathwayUnit'],
  \ [14, 'seek-unless-unsafe', 1, 'pathwayConsent'],
  \ [14, 'urgent', 1, 'pathwayUrgency'],
  \ [15, 'outcome', 1, 'pathwayNodeKind'],
  \ [15, 'no-further-action', 1, 'pathwayOutcomeKind'],
  \ [15, 'review-after', 1, 'pathwayField'],
  \ [15, 'weeks', 1, 'pathwayUnit'],
  \ [16, 'scenario', 1, 'pathwayTest'],
  \ [16, 'answer', 1, 'pathwayTest'],
  \ [16, 'expect', 1, 'pathwayTest'],
  \ [17, 'assert', 1, 'pathwayTest'],
  \ [17, 'step', 1, 'pathwayUnit'],
  \ [17, 'of', 1, 'pathwayTest'],
  \ [18, 'no', 1, 'pathwayTest'],
  \ [18, 'reaches', 1, 'pathwayTest'],
  \ [19, '\q', 1, 'pathwayBadEscape'],
  \ [19, '\u2014', 1, 'pathwayBadEscape'],
  \ [19, '\', 3, 'pathwayBadEscape'],
  \ [20, 'goes on', 1, 'pathwayString'],
  \ [21, '.', 1, 'pathwayError'],
  \ [21, ';', 1, 'pathwayError'],
  \ [21, '@', 1, 'pathwayError'],
  \ [21, "'", 1, 'pathwayError'],
  \ [21, '→', 1, 'pathwayError'],
  \ [21, '-', 1, 'pathwayError'],
  \ [21, '>', 1, 'pathwayError'],
  \ ]

for [s:l, s:text, s:nth, s:group] in s:checks
  let s:name = printf('vim: %s (%d) on line %d is %s', s:text, s:nth, s:l, s:group)
  let s:c = -1
  for s:i in range(s:nth)
    let s:c = stridx(getline(s:l), s:text, s:c + 1)
  endfor
  if s:c < 0
    call s:Result(s:name, 'not found in: ' . getline(s:l))
    continue
  endif
  let s:got = s:Group(s:l, s:c + 1)
  call s:Result(s:name, s:got ==# s:group ? '' : "it is '" . s:got . "': " . getline(s:l))
endfor

call add(s:out, printf('%d passed, %d failed', s:passed, s:failed))
call writefile(s:out, $PATHWAY_VIM_OUT)
qall!
