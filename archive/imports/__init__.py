"""Imports: bring sources, events and footnoted articles in from files instead of retyping them.

Every importer works in two steps, so the admin and the management commands
share one path: *read* a file into records and a preview (nothing written),
then *commit* the records the editor confirmed, in one transaction. Writing
goes through `gateway`, the one place imports touch the domain rules
(pending sources with their submitter and audit entry, draft events and
commentary), so imported content is held to the same rules as typed content.
"""
