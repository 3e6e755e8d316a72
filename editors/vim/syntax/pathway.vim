" Vim syntax file
" Language:    pathway, the language of pathwayc (safeguarding pathways)
" Filenames:   *.pathway
" Reference:   docs/language.md; the tokens are those of grammar/lexer.l

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
" A name holds letters, digits, `_` and `-` (no-further-action, step-2), so a
" keyword is only ever a whole name: `review-by` is a keyword, `step-2` is not.
syn iskeyword a-z,A-Z,48-57,_,-

" ---- what is not the language (E0002): any character outside text that is
" not a letter, digit, white space or `# " { } , - . > _`; `'` and curly
" quotes, `@`, `;`, a typographic arrow, a non-breaking space, ...
syn match   pathwayError        "[^ \t\r\na-zA-Z0-9_#\"{},.>-]"
syn match   pathwayError        "\.\@<!\.\.\@!"
syn match   pathwayError        "\%([a-zA-Z0-9_]\)\@<!-\%(>\)\@!"
syn match   pathwayError        "-\@<!>"

" ---- declarations -----------------------------------------------------------
syn keyword pathwayInclude      import
syn keyword pathwayDeclaration  pathway role stage nextgroup=pathwayName skipwhite
syn keyword pathwayNodeKind     step question outcome together nextgroup=pathwayName skipwhite
" `contact NAME "Title"` and `form NAME "Title"` declare; inside a node
" `contact` and `form` are fields that name contacts and forms.
syn match   pathwayField        "\<\%(contact\|form\)\>"
syn match   pathwayDeclaration  "\<\%(contact\|form\)\>\ze\s\+\h[a-zA-Z0-9_-]*\s*\"" nextgroup=pathwayName skipwhite
syn match   pathwayName         contained "\<\h[a-zA-Z0-9_]*\%(-[a-zA-Z0-9][a-zA-Z0-9_]*\)*"

" ---- fields -----------------------------------------------------------------
" pathway metadata, contact and form fields
syn keyword pathwayField        owner version source url review-by audience note
syn keyword pathwayField        approved-by approved-on area topic summary tbc
syn keyword pathwayField        phone email hours out-of-hours verified per-child
" node fields
syn keyword pathwayField        by do record within target review-after when
syn keyword pathwayField        personal also replaces next start any-of all-of
syn keyword pathwayField        score band
" fields with a value word
syn keyword pathwayField        status  nextgroup=pathwayStatus skipwhite
syn keyword pathwayField        urgency nextgroup=pathwayUrgency skipwhite
syn keyword pathwayField        consent nextgroup=pathwayConsent skipwhite
syn keyword pathwayField        kind    nextgroup=pathwayOutcomeKind skipwhite
syn keyword pathwayField        emergency-route nextgroup=pathwayRoute skipwhite

" ---- values (not reserved words: only after their field) --------------------
syn match   pathwayStatus       contained "\<\%(draft\|approved\|under-review\)\>"
syn match   pathwayUrgency      contained "\<\%(immediate\|urgent\|routine\)\>"
syn match   pathwayRoute        contained "\<none\>"
syn match   pathwayConsent      contained "\<\%(needed\|not-needed\|seek-unless-unsafe\|inform-unless-unsafe\|not-applicable\|not-stated\)\>"
syn match   pathwayOutcomeKind  contained "\<\%(emergency\|referral\|advice\|monitor\|no-further-action\)\>"

" ---- scenarios and assertions ------------------------------------------------
syn keyword pathwayTest         scenario assert answer expect through from
syn keyword pathwayTest         every path passes reaches before to of steps
" `assert no path reaches A before B`: `no` is a word of the assertion here
syn match   pathwayTest         "\<no\>\ze\s\+path\>"

" ---- numbers, timescales, dates, ranges ---------------------------------------
syn match   pathwayNumber       "\<\d\+\>" nextgroup=pathwayUnit skipwhite
syn match   pathwayUnit         contained "\<\%(minutes\=\|hours\=\|days\=\|working-days\=\|weeks\=\|months\=\|steps\=\)\>"
syn match   pathwayDate         "\<\d\{4}-\d\{2}-\d\{2}\>"
syn match   pathwayOperator     "\.\."

" ---- answers and punctuation --------------------------------------------------
syn match   pathwayArrow        "->" nextgroup=pathwayTarget skipwhite
syn match   pathwayTarget       contained "\<\h[a-zA-Z0-9_]*\%(-[a-zA-Z0-9][a-zA-Z0-9_]*\)*"
syn match   pathwayDelimiter    "[{},]"

" ---- text and comments ------------------------------------------------------------
syn region  pathwayString       start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=pathwayBadEscape,pathwayEscape,@Spell
syn match   pathwayBadEscape    contained "\\\%(.\|$\)"
syn match   pathwayBadEscape    contained "\\u\%({[^}\"]*}\=\)\="
syn match   pathwayEscape       contained +\\["\\nt]+
syn match   pathwayEscape       contained "\\u{\x\{1,6}}"

syn keyword pathwayTodo         contained TODO FIXME XXX
syn match   pathwayComment      "#.*$" contains=pathwayTodo,@Spell

" ---- colours ------------------------------------------------------------------------
hi def link pathwayInclude      Include
hi def link pathwayDeclaration  Structure
hi def link pathwayNodeKind     Statement
hi def link pathwayName         Function
hi def link pathwayField        Identifier
hi def link pathwayTest         PreProc
hi def link pathwayStatus       Constant
hi def link pathwayUrgency      Constant
hi def link pathwayConsent      Constant
hi def link pathwayRoute        Constant
hi def link pathwayOutcomeKind  Constant
hi def link pathwayUnit         Type
hi def link pathwayNumber       Number
hi def link pathwayDate         Constant
hi def link pathwayOperator     Operator
hi def link pathwayArrow        Operator
hi def link pathwayTarget       Function
hi def link pathwayDelimiter    Delimiter
hi def link pathwayString       String
hi def link pathwayEscape       SpecialChar
hi def link pathwayBadEscape    Error
hi def link pathwayTodo         Todo
hi def link pathwayComment      Comment
hi def link pathwayError        Error

let b:current_syntax = "pathway"

let &cpo = s:cpo_save
unlet s:cpo_save
