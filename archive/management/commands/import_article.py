"""manage.py import_article FILE [--dry-run] [--user NAME]

A footnoted (encyclopedia-style) article becomes a draft commentary citing
its references inline; references not found among the sources become
pending sources. The report lists each reference, what it became and how
sure the match is.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.imports import articles, files
from archive.imports.records import ImportFileError
from archive.management.importing import importing_user


class Command(BaseCommand):
    help = "Import a footnoted article (text with [1] markers and a ^ reference list) as a draft commentary."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
        parser.add_argument("--user", help="the importing editor's username")

    def handle(self, *args, **options):
        user = importing_user(options, "archive.add_commentary", "archive.add_source")
        try:
            plan = articles.plan(files.read_path(options["file"]), options["file"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"“{plan.title}” → draft commentary /{plan.slug}/")
        if plan.original:
            self.stdout.write(f"  original publication: {plan.original.citation_key}")
        for ref in plan.references:
            uses = f", cited {ref.uses}×" if ref.uses != 1 else ""
            locator = f" at {ref.locator}" if ref.locator else ""
            self.stdout.write(f"  [{ref.number}] {ref.text[:70]} → {ref.outcome}{locator}{uses}")
        if plan.unmatched_markers:
            self.stdout.write(f"  markers without a reference (left as text): {plan.unmatched_markers}")
        for line in plan.left_out:
            self.stdout.write(f"  left out: {line}")
        if options["dry_run"]:
            self.stdout.write(f"Would create 1 draft commentary and {len(plan.new_sources)} pending source(s).")
            return
        commentary = articles.commit(plan, user, f"file {options['file']}")
        self.stdout.write(f"Created draft commentary {commentary.slug} and {len(plan.new_sources)} pending source(s).")
