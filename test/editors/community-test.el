;;; community-test.el --- The editor checks both Emacs clients run (eglot.el, lsp-mode.el)  -*- lexical-binding: t; -*-
;; One scenario on a copy of the FitHome example — diagnostics, hover, completion, definition, rename,
;; formatting — with what differs between the clients passed in: how a request is sent and how its
;; answer reads as text, how to rename and format, and what to run while waiting.
(require 'cl-lib)

(defvar community-failures 0)
(defvar community-client "emacs" "The client's name in the ok/FAIL lines.")
(defvar community-tick nil "A function run on every wait tick (lsp-mode: the idle timers), or nil.")

(defun community-check (name ok detail)
  (if ok (princ (format "ok   %s %s\n" community-client name))
    (setq community-failures (1+ community-failures))
    (princ (format "FAIL %s %s: %s\n" community-client name detail))))

(defun community-wait (pred seconds)
  "Let the process and timers run until PRED is non-nil or SECONDS pass."
  (let ((end (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) end))
      (when community-tick (funcall community-tick))
      (accept-process-output nil 0.1))
    value))

(defun community-goto (needle &optional delta)
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (+ (match-beginning 0) (or delta 0))))

(cl-defun community-run-checks (&key diagnostics request rename format)
  "The shared scenario. DIAGNOSTICS returns the published messages; REQUEST sends a
position request (a method name without the \"textDocument/\" prefix) at point and returns its
answer as text; RENAME and FORMAT are the client's commands. Exits Emacs with 1 on any failure."
  (community-check "diagnostics (over-budget warning published)"
                   (community-wait (lambda () (cl-some (lambda (m) (string-match-p "budget" m)) (funcall diagnostics))) 30)
                   (format "%S" (funcall diagnostics)))

  (community-goto "churn 12%" 1)
  (let ((text (funcall request "hover")))
    (community-check "hover on a keyword" (string-match-p "leaving per period" text) text))

  (community-goto "from Prospect" 5)
  (let ((text (funcall request "completion")))
    (community-check "completion of tier names" (string-match-p "\"label\" *: *\"Prospect\"\\|:label \"Prospect\"" text) text))

  (community-goto "platform WeChatGroups" 10)
  (let ((text (funcall request "definition")))
    (community-check "definition of an imported platform" (string-match-p "shared/platforms\\.community" text) text))

  (community-goto "tier Core" 6)
  (condition-case err (funcall rename "Member") (error (princ (format "rename error: %S\n" err))))
  (community-check "rename a tier everywhere"
                   (save-excursion (goto-char (point-min))
                                   (and (search-forward "tier Member" nil t) (not (search-forward "from Core" nil t))))
                   (buffer-substring-no-properties (point-min) (min (point-max) 300)))

  (goto-char (point-min))
  (re-search-forward "^ *timezone ")
  (insert "    ")
  (condition-case err (funcall format) (error (princ (format "format error: %S\n" err))))
  (community-check "formatting collapses the spaces"
                   (save-excursion (goto-char (point-min)) (re-search-forward "^ *timezone \"" nil t))
                   (save-excursion (goto-char (point-min)) (if (re-search-forward "^.*timezone.*$" nil t) (match-string 0) "no timezone line")))
  (set-buffer-modified-p nil))

(provide 'community-test)
;;; community-test.el ends here
