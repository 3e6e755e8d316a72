-- tests/editors/nvim-plugin-test.lua — editors/vim/plugin/pathwayc_lsp.lua,
-- and the init.lua lines of editors/vim/README.md and docs/editors.md, run
-- in Lua 5.4 (wasmoon, by tests/editors/nvim-plugin-test.mjs) against a
-- stand-in for the part of Neovim's API they use: vim.api's autocommands
-- and buffer names, vim.fs.find and vim.fs.dirname, vim.fn.exepath, expand
-- and getcwd, vim.notify, vim.lsp.start (Neovim 0.8 or later; the stand-in
-- records what it is asked to start). Debian 12's Neovim (0.7) has no
-- vim.lsp.start, so this is the test the plugin gets.
--
-- Given PLUGIN_SRC, README_SRC and DOCS_SRC (the code to run), returns the
-- lines "ok NAME" / "FAIL NAME" and why.

local out = {}

local function result(name, why)
  if why == nil or why == '' then
    out[#out + 1] = 'ok neovim ' .. name
  else
    out[#out + 1] = 'FAIL neovim ' .. name
    for line in (why .. '\n'):gmatch('(.-)\n') do
      out[#out + 1] = '  ' .. line
    end
  end
end

local function show(v, depth)
  depth = depth or 0
  if type(v) == 'string' then return string.format('%q', v) end
  if type(v) ~= 'table' or depth > 3 then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. '=' .. show(v[k], depth + 1) end
  return '{' .. table.concat(parts, ', ') .. '}'
end

-- A stand-in Neovim: WORLD says which files exist (paths), which commands
-- are on PATH (exe: name or path -> full path), the buffers' names, the
-- current folder and vim.g. It records the augroups, the autocommands, the
-- servers started and the notifications.
local function neovim(world)
  local rec = { groups = {}, autocmds = {}, started = {}, notes = {} }
  local exists = {}
  for _, p in ipairs(world.files or {}) do exists[p] = true end
  local function dirname(p)
    if p == nil then return nil end
    local d = p:match('^(.*)/[^/]*$')
    if d == '' then return '/' end
    return d or '.'
  end
  local vim = {
    g = world.g or {},
    log = { levels = { TRACE = 0, DEBUG = 1, INFO = 2, WARN = 3, ERROR = 4 } },
    notify = function(msg, level) rec.notes[#rec.notes + 1] = { msg = msg, level = level } end,
    api = {
      nvim_create_augroup = function(name, opts)
        rec.groups[#rec.groups + 1] = { name = name, opts = opts }
        return #rec.groups
      end,
      nvim_create_autocmd = function(event, opts)
        rec.autocmds[#rec.autocmds + 1] = { event = event, opts = opts }
        return #rec.autocmds
      end,
      nvim_buf_get_name = function(buf) return (world.buffers or {})[buf] or '' end,
    },
    fs = {
      dirname = dirname,
      find = function(name, opts)
        assert(type(name) == 'string', 'vim.fs.find: a name')
        assert(opts and opts.upward and opts.path, 'vim.fs.find: upward from a path')
        local dir = opts.path
        while true do
          local p = (dir == '/' and '' or dir) .. '/' .. name
          if exists[p] then return { p } end
          if dir == '/' or dir == '.' then return {} end
          dir = dirname(dir)
        end
      end,
    },
    fn = {
      getcwd = function() return world.cwd or '/home/author' end,
      expand = function(s) return (s:gsub('^~', '/home/author')) end,
      exepath = function(cmd) return (world.exe or {})[cmd] or '' end,
    },
    lsp = {},
  }
  if not world.old_neovim then
    vim.lsp.start = function(config, opts)
      rec.started[#rec.started + 1] = { config = config, opts = opts }
      return #rec.started
    end
  end
  return vim, rec
end

-- Runs SRC (a chunk) in an environment whose `vim` is the stand-in for
-- WORLD; returns the record, or nil and the error.
local function run(src, name, world)
  local vim, rec = neovim(world)
  local env = setmetatable({ vim = vim }, { __index = _G })
  local chunk, err = load(src, '@' .. name, 't', env)
  if not chunk then return nil, err end
  local ok, e = pcall(chunk)
  if not ok then return nil, e end
  return rec
end

-- The FileType pathway autocommand's callback, or nil and why.
local function filetype_callback(rec)
  local found = {}
  for _, a in ipairs(rec.autocmds) do
    if a.event == 'FileType' and a.opts.pattern == 'pathway' then found[#found + 1] = a end
  end
  if #found ~= 1 then return nil, #found .. ' FileType pathway autocommands: ' .. show(rec.autocmds) end
  if type(found[1].opts.callback) ~= 'function' then return nil, 'no callback: ' .. show(found[1].opts) end
  return found[1].opts.callback
end

-- '' when START is `PROGRAM lsp` named pathwayc for ROOT (and buffer BUF).
local function check_start(start, program, root, buf)
  local why = {}
  local c = start.config or {}
  if c.name ~= 'pathwayc' then why[#why + 1] = 'name ' .. show(c.name) end
  if type(c.cmd) ~= 'table' or #c.cmd ~= 2 or c.cmd[1] ~= program or c.cmd[2] ~= 'lsp' then
    why[#why + 1] = 'cmd ' .. show(c.cmd) .. ', not {' .. show(program) .. ', "lsp"}'
  end
  if c.root_dir ~= root then why[#why + 1] = 'root_dir ' .. show(c.root_dir) .. ', not ' .. show(root) end
  if buf and not (start.opts and start.opts.bufnr == buf) then
    why[#why + 1] = 'opts ' .. show(start.opts) .. ', not bufnr ' .. buf
  end
  return table.concat(why, '\n')
end

local PLUGIN = 'editors/vim/plugin/pathwayc_lsp.lua'
local repo = {
  files = { '/work/repo/.git' },
  buffers = { [1] = '/work/repo/pathways/prevent.pathway', [2] = '/tmp/loose/one.pathway', [3] = '' },
  exe = { pathwayc = '/usr/local/bin/pathwayc' },
  cwd = '/home/author/notes',
}
local function world(changes)
  local w = {}
  for k, v in pairs(repo) do w[k] = v end
  for k, v in pairs(changes or {}) do w[k] = v end
  return w
end

-- The plugin, with pathwayc on PATH.
do
  local rec, err = run(PLUGIN_SRC, PLUGIN, world())
  if not rec then
    result('the plugin loads', err)
  else
    result('the plugin loads', '')
    local cb, why = filetype_callback(rec)
    result('one FileType pathway autocommand, in an augroup cleared on reload', why or
      ((#rec.groups == 1 and rec.groups[1].opts and rec.groups[1].opts.clear == true and
        rec.autocmds[1].opts.group == 1) and '' or 'groups ' .. show(rec.groups) .. ' autocmds ' .. show(rec.autocmds)))
    if cb then
      cb({ buf = 1, file = 'pathways/prevent.pathway', match = 'pathway' })
      result('a file in a git checkout: `pathwayc lsp` (from PATH) for the checkout',
        #rec.started == 1 and check_start(rec.started[1], '/usr/local/bin/pathwayc', '/work/repo', 1)
          or #rec.started .. ' servers started')
      cb({ buf = 2, file = '/tmp/loose/one.pathway', match = 'pathway' })
      result('a file outside any checkout: the server for its folder',
        #rec.started == 2 and check_start(rec.started[2], '/usr/local/bin/pathwayc', '/tmp/loose', 2)
          or #rec.started .. ' servers started')
      cb({ buf = 3, file = '', match = 'pathway' })
      result('a new buffer with no name: the server for the current folder',
        #rec.started == 3 and check_start(rec.started[3], '/usr/local/bin/pathwayc', '/home/author/notes', 3)
          or #rec.started .. ' servers started')
      result('pathwayc found: nothing said', #rec.notes == 0 and '' or show(rec.notes))
    end
  end
end

-- vim.g.pathwayc_path: another command.
do
  local rec, err = run(PLUGIN_SRC, PLUGIN, world({
    g = { pathwayc_path = '~/src/pathwayc/build/pathwayc' },
    exe = { ['/home/author/src/pathwayc/build/pathwayc'] = '/home/author/src/pathwayc/build/pathwayc' },
  }))
  local cb, why = rec and filetype_callback(rec)
  if cb then cb({ buf = 1 }) end
  result('vim.g.pathwayc_path (with ~): that command is started', err or why or
    (#rec.started == 1 and check_start(rec.started[1], '/home/author/src/pathwayc/build/pathwayc', '/work/repo', 1)
      or #rec.started .. ' servers started'))
end

-- pathwayc not found: said once, at WARN, nothing started.
do
  local rec, err = run(PLUGIN_SRC, PLUGIN, world({ exe = {} }))
  local cb, why = rec and filetype_callback(rec)
  if cb then
    cb({ buf = 1 })
    cb({ buf = 2 })
  end
  local want = 'pathwayc was not found: install pathwayc or set vim.g.pathwayc_path'
  result('pathwayc not found: "' .. want .. '", once, as a warning; nothing started', err or why or
    ((#rec.started == 0 and #rec.notes == 1 and rec.notes[1].msg:sub(1, #want) == want and rec.notes[1].level == 3)
      and '' or 'started ' .. show(rec.started) .. ' notes ' .. show(rec.notes)))
end

-- Turned off, and Neovim 0.7.
for _, case in ipairs({
  { 'let g:pathwayc_lsp = 0', { g = { pathwayc_lsp = 0 } } },
  { 'vim.g.pathwayc_lsp = false', { g = { pathwayc_lsp = false } } },
  { 'Neovim 0.7 (no vim.lsp.start)', { old_neovim = true } },
}) do
  local rec, err = run(PLUGIN_SRC, PLUGIN, world(case[2]))
  result(case[1] .. ': no autocommand, no error', err or
    ((#rec.autocmds == 0 and #rec.started == 0 and #rec.notes == 0) and '' or show(rec)))
end

-- The init.lua lines of the READMEs, without the plugin.
for _, doc in ipairs({ { 'editors/vim/README.md', README_SRC }, { 'docs/editors.md', DOCS_SRC } }) do
  local name, src = doc[1], doc[2]
  if src == nil or src == '' then
    result(name .. ': its init.lua lines', 'no ```lua block')
  else
    local rec, err = run(src, name, world({ exe = {} }))
    local cb, why = rec and filetype_callback(rec)
    if cb then cb({ buf = 1, file = 'pathways/prevent.pathway', match = 'pathway' }) end
    result(name .. ': its init.lua lines start `pathwayc lsp` for a pathway file', err or why or
      (#rec.started == 1 and check_start(rec.started[1], 'pathwayc', '/work/repo/pathways', nil)
        or #rec.started .. ' servers started'))
  end
end

return table.concat(out, '\n')
