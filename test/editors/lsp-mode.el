;;; lsp-mode.el --- Emacs + lsp-mode (Debian's elpa-lsp-mode) against the language server, in batch mode  -*- lexical-binding: t; -*-
;; The README's lsp-mode setup (a community-mode, lsp-register-client, lsp-deferred), then
;; diagnostics, hover, completion, definition, rename and formatting on a copy of the FitHome example.
;; Run by test/editors/run.sh: emacs --batch -l test/editors/lsp-mode.el
;; Env: COMMUNITY_INIT (the README snippet), COMMUNITY_FILE (the plan to open); the server command is
;; the README's `community-language-server` on PATH.
(require 'lsp-mode)
(require 'cl-lib)
(require 'json)

;; The checks both Emacs clients run, from the file beside this one.
(load (expand-file-name "community-test.el" (file-name-directory load-file-name)) nil t)
(setq community-client "lsp-mode")

(defun community-run-idle-timers ()
  "Run the idle timers that are due: batch mode is never idle, but lsp-deferred starts from one."
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list)
      (cancel-timer timer)
      (apply (timer--function timer) (timer--args timer)))))
(setq community-tick #'community-run-idle-timers)

;; Interactively lsp-mode asks once whether to import the project root; the answer a user gives
;; ("i": the folder with .git) is what guessing the root gives. No session file is read or written
;; outside this run's HOME, and nothing the user did not ask for is turned on.
(setq lsp-auto-guess-root t
      lsp-session-file (expand-file-name "lsp-session" (getenv "HOME"))
      lsp-keep-workspace-alive nil
      lsp-enable-snippet nil
      lsp-headerline-breadcrumb-enable nil
      lsp-response-timeout 20)

;; The README's lsp-mode snippet (extracted by run.sh), as a user's init.el.
(load (getenv "COMMUNITY_INIT") nil t)

(find-file (getenv "COMMUNITY_FILE"))
;; lsp-deferred starts the server once the buffer is shown; batch mode has no redisplay, so run
;; what the command loop runs after a command and when windows change.
(run-hooks 'post-command-hook)
(run-hooks 'window-configuration-change-hook)
(community-check "starts the server" (community-wait (lambda () (and (bound-and-true-p lsp-mode) (lsp-workspaces))) 30)
                 (format "lsp-mode %S, workspaces %S" (bound-and-true-p lsp-mode) (lsp-workspaces)))
(community-wait (lambda () (cl-every (lambda (w) (eq (lsp--workspace-status w) 'initialized)) (lsp-workspaces))) 30)

(defun community-request (method)
  (condition-case err
      (json-encode (lsp-request (concat "textDocument/" method) (lsp--text-document-position-params)))
    (error (format "error: %S" err))))

(defun community-diagnostic-messages ()
  (let (messages)
    (maphash (lambda (_file diags)
               (dolist (d diags) (push (gethash "message" d) messages)))
             (lsp-diagnostics t))
    messages))

(community-run-checks
 :diagnostics #'community-diagnostic-messages
 :request #'community-request
 :rename #'lsp-rename
 :format #'lsp-format-buffer)

(ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
(kill-emacs (if (> community-failures 0) 1 0))
