"""manage.py import_sources FILE [--format bibtex|ris|csl-json] [--dry-run] [--user NAME]

Everything imported is pending (the moderation queue decides), submitted by
--user; records that look like an existing source, or repeat an earlier record
of the file, are left out and listed.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.imports import files, sources
from archive.imports.records import ImportFileError
from archive.management.importing import importing_user


class Command(BaseCommand):
    help = "Import sources from a BibTeX/BibLaTeX, RIS or CSL-JSON file; they arrive pending review."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=sorted(sources.FORMATS), help="default: from the extension or content")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
        parser.add_argument("--user", help="the submitting editor's username (recorded on each source)")

    def handle(self, *args, **options):
        user = importing_user(options, "archive.add_source")
        try:
            text = files.read_path(options["file"])
            rows = sources.plan(text, options["format"], options["file"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["dry_run"]:
            result = sources.SourceImportResult(
                created=[r.source for r in rows if r.default_choice == sources.IMPORT],
                existing=[(r, r.duplicates[0]) for r in rows if r.duplicates and not r.problems],
                rejected=[r for r in rows if r.problems],
                repeated=[r for r in rows if r.default_choice == sources.SKIP and r.same_as and not r.problems],
            )
        else:
            with tqdm(total=len(rows), desc="Importing", unit="record", disable=options["verbosity"] < 1,
                      file=self.stderr._out) as bar:  # fmt: skip
                result = sources.commit(rows, {}, user, f"file {options['file']}", progress=bar)
        self._summary(result, options["dry_run"])

    def _summary(self, result, dry_run):
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(f"{verb} {len(result.created)} pending source(s).")
        self.stdout.write(f"Possible duplicates (not imported): {len(result.existing)}")
        for row, existing in result.existing:
            self.stdout.write(f"  {row.record.label}: looks like {existing.citation_key} ({existing.title[:60]})")
        self.stdout.write(f"Repeated in the file (not imported): {len(result.repeated)}")
        for row in result.repeated:
            self.stdout.write(f"  {row.record.label}: the same work as record {row.same_as}")
        self.stdout.write(f"Rejected: {len(result.rejected)}")
        for row in result.rejected:
            self.stdout.write(f"  {row.record.label}: {'; '.join(row.problems)}")
