"""manage.py import_events FILE [--format csv|jsonl] [--dry-run] [--create-missing] [--user NAME]

Reads the archive's own event export format; every event arrives as a draft.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.imports import events, files
from archive.imports.records import ImportFileError
from archive.management.importing import importing_user
from archive.models import Actor


class Command(BaseCommand):
    help = "Import events from CSV or JSON Lines (the format of /events/export.csv and .jsonl) as drafts."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=["csv", "jsonl"], help="default: from the extension or content")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
        parser.add_argument("--create-missing", action="store_true", help="create unknown actors and tags")
        parser.add_argument("--actor-kind", choices=Actor.Kind.values, default=Actor.Kind.ORGANIZATION,
                            help="kind of the actors --create-missing creates (default: organization)")  # fmt: skip
        parser.add_argument("--user", help="the importing editor's username")

    def handle(self, *args, **options):
        user = importing_user(options, "archive.add_event")
        try:
            plan = events.plan(files.read_path(options["file"]), options["format"], options["file"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for label, names in (("actors", plan.unknown_actors), ("tags", plan.unknown_tags)):
            if names:
                action = "will be created" if options["create_missing"] else "not linked (use --create-missing)"
                self.stdout.write(f"Unknown {label} ({action}): {', '.join(names)}")
        if plan.unknown_keys:
            self.stdout.write(f"Unknown citation keys (not cited): {', '.join(plan.unknown_keys)}")
        if options["dry_run"]:
            ready = [r for r in plan.rows if r.default_choice == events.IMPORT]
            self.stdout.write(f"Would create {len(ready)} draft event(s).")
            self._rest([r for r in plan.rows if r.existing], [r for r in plan.rows if r.problems])
            return
        create = options["create_missing"]
        with tqdm(total=len(plan.rows), desc="Importing", unit="event", disable=options["verbosity"] < 1,
                  file=self.stderr._out) as bar:  # fmt: skip
            result = events.commit(
                plan, {}, user, f"file {options['file']}",
                create_actors={a: options["actor_kind"] for a in plan.unknown_actors} if create else None,
                create_tags=set(plan.unknown_tags) if create else None, progress=bar,
            )  # fmt: skip
        self.stdout.write(
            f"Created {len(result.created)} draft event(s), {len(result.actors_created)} actor(s), "
            f"{len(result.tags_created)} tag(s)."
        )
        self._rest([r for r in result.skipped if r.existing], result.rejected)

    def _rest(self, existing, rejected):
        self.stdout.write(f"Already in the archive (same slug, not imported): {len(existing)}")
        for row in existing:
            self.stdout.write(f"  {row.label}")
        self.stdout.write(f"Rejected: {len(rejected)}")
        for row in rejected:
            self.stdout.write(f"  {row.label}: {'; '.join(row.problems)}")
