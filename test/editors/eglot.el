;;; eglot.el --- Emacs + eglot (Debian's elpa-eglot) against the language server, in batch mode  -*- lexical-binding: t; -*-
;; The README's eglot setup (a community-mode, eglot-server-programs, eglot-ensure), then
;; diagnostics, hover, completion, definition, rename and formatting on a copy of the FitHome example.
;; Run by test/editors/run.sh: emacs --batch -l test/editors/eglot.el
;; Env: COMMUNITY_INIT (the README snippet), COMMUNITY_FILE (the plan to open); the server command is
;; the README's `community-language-server` on PATH.
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

;; The checks both Emacs clients run, from the file beside this one.
(load (expand-file-name "community-test.el" (file-name-directory load-file-name)) nil t)
(setq community-client "eglot")

;; The README's eglot snippet (extracted by run.sh), as a user's init.el.
(load (getenv "COMMUNITY_INIT") nil t)


(setq eglot-sync-connect 30)
(find-file (getenv "COMMUNITY_FILE"))
;; eglot-ensure connects after the command that opened the file; batch mode has no command loop,
;; so run what the loop runs after a command.
(run-hooks 'post-command-hook)
(community-check "starts the server" (community-wait (lambda () (eglot-current-server)) 30) "no server")

(defun community-request (method)
  (condition-case err
      (format "%S" (jsonrpc-request (eglot-current-server) (intern (concat ":textDocument/" method))
                                    (eglot--TextDocumentPositionParams) :timeout 20))
    (error (format "error: %S" err))))

(community-run-checks
 :diagnostics (lambda () (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
 :request #'community-request
 :rename #'eglot-rename
 :format #'eglot-format-buffer)

(ignore-errors (eglot-shutdown (eglot-current-server)))
(kill-emacs (if (> community-failures 0) 1 0))
