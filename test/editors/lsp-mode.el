;;; lsp-mode.el --- Emacs + lsp-mode (Debian's elpa-lsp-mode) against the language server, in batch mode  -*- lexical-binding: t; -*-
;; The README's lsp-mode setup (a community-mode, lsp-register-client, lsp-deferred), then
;; diagnostics, hover, completion, definition, rename and formatting on a copy of the FitHome example.
;; Run by test/editors/run.sh: emacs --batch -l test/editors/lsp-mode.el
;; Env: COMMUNITY_INIT (the README snippet), COMMUNITY_FILE (the plan to open); the server command is
;; the README's `community-language-server` on PATH.
(require 'lsp-mode)
(require 'cl-lib)
(require 'json)

(defvar community-failures 0)
(defun community-check (name ok detail)
  (if ok (princ (format "ok   lsp-mode %s\n" name))
    (setq community-failures (1+ community-failures))
    (princ (format "FAIL lsp-mode %s: %s\n" name detail))))

(defun community-run-idle-timers ()
  "Run the idle timers that are due: batch mode is never idle, but lsp-deferred starts from one."
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list)
      (cancel-timer timer)
      (apply (timer--function timer) (timer--args timer)))))

(defun community-wait (pred seconds)
  "Let the process and timers run until PRED is non-nil or SECONDS pass."
  (let ((end (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) end))
      (community-run-idle-timers)
      (accept-process-output nil 0.1))
    value))

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

(defun community-goto (needle &optional delta)
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (+ (match-beginning 0) (or delta 0))))

(defun community-request (method)
  (condition-case err
      (json-encode (lsp-request method (lsp--text-document-position-params)))
    (error (format "error: %S" err))))

(defun community-diagnostic-messages ()
  (let (messages)
    (maphash (lambda (_file diags)
               (dolist (d diags) (push (gethash "message" d) messages)))
             (lsp-diagnostics t))
    messages))

(community-check "diagnostics (over-budget warning published)"
                 (community-wait (lambda () (cl-some (lambda (m) (string-match-p "budget" m)) (community-diagnostic-messages))) 30)
                 (format "%S" (community-diagnostic-messages)))

(community-goto "churn 12%" 1)
(let ((text (community-request "textDocument/hover")))
  (community-check "hover on a keyword" (string-match-p "leaving per period" text) text))

(community-goto "from Prospect" 5)
(let ((text (community-request "textDocument/completion")))
  (community-check "completion of tier names" (string-match-p "\"label\":\"Prospect\"" text) text))

(community-goto "platform WeChatGroups" 10)
(let ((text (community-request "textDocument/definition")))
  (community-check "definition of an imported platform" (string-match-p "shared/platforms\\.community" text) text))

(community-goto "tier Core" 6)
(condition-case err (lsp-rename "Member") (error (princ (format "rename error: %S\n" err))))
(community-check "rename a tier everywhere"
                 (save-excursion (goto-char (point-min))
                                 (and (search-forward "tier Member" nil t) (not (search-forward "from Core" nil t))))
                 (buffer-substring-no-properties (point-min) (min (point-max) 300)))

(goto-char (point-min))
(re-search-forward "^ *timezone ")
(insert "    ")
(condition-case err (lsp-format-buffer) (error (princ (format "format error: %S\n" err))))
(community-check "formatting collapses the spaces"
                 (save-excursion (goto-char (point-min)) (re-search-forward "^ *timezone \"" nil t))
                 (save-excursion (goto-char (point-min)) (if (re-search-forward "^.*timezone.*$" nil t) (match-string 0) "no timezone line")))

(set-buffer-modified-p nil)
(ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
(kill-emacs (if (> community-failures 0) 1 0))
