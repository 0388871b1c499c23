;;; eglot.el --- Emacs + eglot (Debian's elpa-eglot) against the language server, in batch mode  -*- lexical-binding: t; -*-
;; The README's eglot setup (a community-mode, eglot-server-programs, eglot-ensure), then
;; diagnostics, hover, completion, definition, rename and formatting on a copy of the FitHome example.
;; Run by test/editors/run.sh: emacs --batch -l test/editors/eglot.el
;; Env: COMMUNITY_INIT (the README snippet), COMMUNITY_FILE (the plan to open); the server command is
;; the README's `community-language-server` on PATH.
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar community-failures 0)
(defun community-check (name ok detail)
  (if ok (princ (format "ok   eglot %s\n" name))
    (setq community-failures (1+ community-failures))
    (princ (format "FAIL eglot %s: %s\n" name detail))))

(defun community-wait (pred seconds)
  "Let the process and timers run until PRED is non-nil or SECONDS pass."
  (let ((end (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.1))
    value))

;; The README's eglot snippet (extracted by run.sh), as a user's init.el.
(load (getenv "COMMUNITY_INIT") nil t)


(setq eglot-sync-connect 30)
(find-file (getenv "COMMUNITY_FILE"))
;; eglot-ensure connects after the command that opened the file; batch mode has no command loop,
;; so run what the loop runs after a command.
(run-hooks 'post-command-hook)
(community-check "starts the server" (community-wait (lambda () (eglot-current-server)) 30) "no server")

(defun community-goto (needle &optional delta)
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (+ (match-beginning 0) (or delta 0))))

(defun community-request (method params)
  (condition-case err
      (jsonrpc-request (eglot-current-server) method params :timeout 20)
    (error (format "error: %S" err))))

(community-check "diagnostics (over-budget warning published)"
                 (community-wait (lambda ()
                                   (cl-some (lambda (d) (string-match-p "over-budget\\|budget" (flymake-diagnostic-text d)))
                                            (flymake-diagnostics)))
                                 30)
                 (format "%S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))

(community-goto "churn 12%" 1)
(let* ((hover (community-request :textDocument/hover (eglot--TextDocumentPositionParams)))
       (text (if (stringp hover) hover (format "%S" (plist-get hover :contents)))))
  (community-check "hover on a keyword" (string-match-p "leaving per period" text) text))

(community-goto "from Prospect" 5)
(let* ((result (community-request :textDocument/completion (eglot--TextDocumentPositionParams)))
       (items (if (vectorp result) result (and (listp result) (plist-get result :items))))
       (labels (mapcar (lambda (i) (plist-get i :label)) items)))
  (community-check "completion of tier names" (member "Prospect" labels) (format "%S" (or labels result))))

(community-goto "platform WeChatGroups" 10)
(let* ((result (community-request :textDocument/definition (eglot--TextDocumentPositionParams)))
       (first (and (vectorp result) (> (length result) 0) (aref result 0)))
       (uri (and first (or (plist-get first :targetUri) (plist-get first :uri)))))
  (community-check "definition of an imported platform" (and uri (string-match-p "shared/platforms\\.community" uri)) (format "%S" result)))

(community-goto "tier Core" 6)
(condition-case err (eglot-rename "Member") (error (princ (format "rename error: %S\n" err))))
(community-check "rename a tier everywhere"
                 (save-excursion (goto-char (point-min))
                                 (and (search-forward "tier Member" nil t) (not (search-forward "from Core" nil t))))
                 (buffer-substring-no-properties (point-min) (min (point-max) 300)))

(goto-char (point-min))
(re-search-forward "^ *timezone ")
(insert "    ")
(condition-case err (eglot-format-buffer) (error (princ (format "format error: %S\n" err))))
(community-check "formatting collapses the spaces"
                 (save-excursion (goto-char (point-min)) (re-search-forward "^ *timezone \"" nil t))
                 (save-excursion (goto-char (point-min)) (if (re-search-forward "^.*timezone.*$" nil t) (match-string 0) "no timezone line")))

(set-buffer-modified-p nil)
(ignore-errors (eglot-shutdown (eglot-current-server)))
(kill-emacs (if (> community-failures 0) 1 0))
