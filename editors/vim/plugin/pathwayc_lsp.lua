-- Neovim plugin: starts the pathway language server, `pathwayc lsp`, with
-- Neovim's own LSP client (vim.lsp.start, Neovim 0.8 or later) for each
-- pathway file opened: one server for the files under the same top folder
-- (the nearest one with .git, or else the file's own folder). Vim: see
-- plugin/pathwayc_lsp.vim.
--
--   vim.g.pathwayc_path = '/path/to/pathwayc'  -- the command (default: pathwayc, on PATH)
--   vim.g.pathwayc_lsp = 0                     -- do not start the server
--
-- Put those in your init.lua (let g:... in init.vim) before plugins load.
-- When the command is not found it says so once, and pathway files get
-- highlighting only.
if vim.g.pathwayc_lsp == 0 or vim.g.pathwayc_lsp == false or not (vim.lsp and vim.lsp.start) then
  return
end

local warned = false

-- The folder the server is started for: the nearest one up with .git in
-- it, or the file's own folder (the current one for a new buffer).
local function root_dir(buf)
  local file = vim.api.nvim_buf_get_name(buf)
  local dir = file ~= '' and vim.fs.dirname(file) or vim.fn.getcwd()
  local git = vim.fs.find('.git', { upward = true, path = dir })[1]
  return git and vim.fs.dirname(git) or dir
end

local function start(args)
  local cmd = vim.fn.expand(vim.g.pathwayc_path or 'pathwayc')
  local program = vim.fn.exepath(cmd)
  if program == '' then
    if not warned then
      warned = true
      vim.notify(cmd .. ' was not found: install pathwayc or set vim.g.pathwayc_path'
        .. ' (the pathwayc command, or its full path); pathway files get highlighting only',
        vim.log.levels.WARN)
    end
    return
  end
  vim.lsp.start({
    name = 'pathwayc',
    cmd = { program, 'lsp' },
    root_dir = root_dir(args.buf),
  }, { bufnr = args.buf })
end

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('pathwayc_lsp', { clear = true }),
  pattern = 'pathway',
  callback = start,
})
