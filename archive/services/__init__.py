"""Domain services: the rules every way in goes through (admin, management commands, importers, an API, tests).

Each service takes the acting user, checks that user's permission (raising
PermissionDenied), changes the data in one transaction and writes its audit
entry through `audit.record`, the one entry point to the audit trail. The
admin's hooks and actions are thin calls into these modules:

- sources.py: source moderation (approve, reject, rate, reopen after an edit to vetted details, merge, raise and
  resolve flags, the duplicate check for a new source) and
  submissions of new sources for review, one (`submit`) or a file's worth (`submit_many`);
- tags.py: rename and merge tags;
- submissions.py: readers' suggestions and problem reports, marking them handled;
- audit.py: the audit trail's one writer;
- publication.py: save draft, submit, publish, schedule, unpublish, pending revisions of published items,
  and `save_new_many` for many new items at once (imports), with the same rules.
"""
