# tests/editors/editors.mk — the tests of the editor support in editors/,
# included by the top-level Makefile; `make test` runs them after its own
# suites.
#
#   make check-editors   the VS Code extension's TextMate grammar, run by
#                        vscode-textmate and vscode-oniguruma over every
#                        pathway (tests/editors/textmate-test.mjs); the Vim
#                        syntax, in Vim (tests/editors/vim-test); the Vim
#                        plugin that hands `pathwayc lsp` to vim-lsp or
#                        yegappan/lsp (tests/editors/vim-lsp-test); the
#                        Neovim plugin, in Lua 5.4 (wasmoon) against a
#                        stand-in for Neovim's API
#                        (tests/editors/nvim-plugin-test.mjs); and both
#                        grammars name every keyword and value word of
#                        compiler/support/vocab.def (tests/editors/vocab-check);
#                        and the extension's client (editors/vscode/extension.js)
#                        with a stand-in `vscode` module, first with a
#                        stand-in LanguageClient, then with the real
#                        vscode-languageclient against a stand-in server
#                        (tests/editors/vscode-client-test.cjs), which also
#                        checks tests/lsp/vscode-initialize.json
#
# scripts/setup installs Debian's vim when no vim with +syntax is there, and
# npm-installs vscode-textmate, vscode-oniguruma and wasmoon
# (tests/editors/package-lock.json) into build/editors/node_modules, and the
# extension's vscode-languageclient (editors/vscode/package-lock.json) into
# build/vscode/node_modules.

EDITORS := $(BUILD)/editors
VSCODE  := $(BUILD)/vscode

MORE_SUITES += check-editors

.PHONY: check-editors

check-editors: $(BUILD)/pathwayc
	@scripts/setup
	@status=0; \
	$(SUITE) "editors" node tests/editors/textmate-test.mjs $(EDITORS) || status=1; \
	$(SUITE) "editors vim" tests/editors/vim-test || status=1; \
	$(SUITE) "editors vim lsp" tests/editors/vim-lsp-test || status=1; \
	$(SUITE) "editors neovim lsp" node tests/editors/nvim-plugin-test.mjs $(EDITORS) || status=1; \
	$(SUITE) "editors vocabulary" tests/editors/vocab-check || status=1; \
	$(SUITE) "editors vscode client" node tests/editors/vscode-client-test.cjs $(VSCODE) --server $(BUILD)/pathwayc || status=1; \
	exit $$status
