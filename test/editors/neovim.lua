-- Neovim 0.7–0.10 (`vim.lsp.start_client`, as in the README) against the language server, headless:
-- diagnostics, hover, completion, definition, rename, formatting on a copy of the FitHome example.
-- Run by test/editors/run.sh: nvim --headless -u NONE -c "luafile test/editors/neovim.lua".
-- Env: COMMUNITY_INIT (the README snippet), COMMUNITY_FILE (the plan to open); the server command
-- is the README's `community-language-server` on PATH.
local file = os.getenv('COMMUNITY_FILE')
local failures = 0
local function out(line) io.stdout:write(line .. '\n') end
local function check(name, ok, detail)
  if ok then out('ok   neovim ' .. name) else failures = failures + 1; out('FAIL neovim ' .. name .. ': ' .. tostring(detail)) end
end

-- The README's Neovim 0.7–0.10 snippet (extracted by run.sh), then open the plan as a user would.
dofile(os.getenv('COMMUNITY_INIT'))
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
check('filetype from the README autocmd', vim.bo[buf].filetype == 'community', vim.bo[buf].filetype)
local client
vim.wait(15000, function()
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do client = c end
  return client ~= nil
end, 50)
check('starts the server and attaches the buffer', client ~= nil, 'no client attached')
if not client then vim.cmd('cquit 1') end
local client_id = client.id

-- Cursor on the first occurrence of `needle`, `delta` characters in.
local function at(needle, delta)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col - 1 + (delta or 0) })
      return vim.lsp.util.make_position_params()
    end
  end
  error('not in the buffer: ' .. needle)
end
local function request(method, params)
  local response, err = client.request_sync(method, params, 20000, buf)
  if not response then return nil, err end
  if response.err then return nil, vim.inspect(response.err) end
  return response.result
end

local diagnosed = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'over-budget' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'over-budget') then return true end end
  return false
end, 100)
check('diagnostics (over-budget warning published)', diagnosed, vim.inspect(vim.diagnostic.get(buf)))

local hover, herr = request('textDocument/hover', at('churn 12%', 1))
local hover_text = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or tostring(herr)
check('hover on a keyword', hover_text:find('leaving per period', 1, true) ~= nil, hover_text)

local completion, cerr = request('textDocument/completion', at('from Prospect', 5))
local labels = {}
for _, item in ipairs((completion and (completion.items or completion)) or {}) do labels[#labels + 1] = item.label end
check('completion of tier names', vim.tbl_contains(labels, 'Prospect'), cerr or table.concat(labels, ','))

local definition, derr = request('textDocument/definition', at('platform WeChatGroups', 10))
local target = definition and definition[1] and (definition[1].targetUri or definition[1].uri) or tostring(derr)
check('definition of an imported platform', target:find('shared/platforms.community', 1, true) ~= nil, target)

local params = at('tier Core', 6)
params.newName = 'Member'
local edit, rerr = request('textDocument/rename', params)
if edit then vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding) end
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
check('rename a tier everywhere', edit ~= nil and text:find('tier Member', 1, true) ~= nil and text:find('from Core', 1, true) == nil, rerr or text:sub(1, 200))

-- Spaces the formatter collapses; the change goes to the server as a normal didChange.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for i, line in ipairs(lines) do
  if line:find('^%s*timezone ') then vim.api.nvim_buf_set_lines(buf, i - 1, i, false, { (line:gsub('timezone ', 'timezone     ')) }) end
end
vim.wait(300)
local edits, ferr = request('textDocument/formatting', { textDocument = { uri = vim.uri_from_bufnr(buf) }, options = { tabSize = 2, insertSpaces = true } })
if edits then vim.lsp.util.apply_text_edits(edits, buf, client.offset_encoding) end
local formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
check('formatting collapses the spaces', edits ~= nil and #edits > 0 and formatted:find('timezone "', 1, true) ~= nil, ferr or vim.inspect(edits))

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
if failures > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
