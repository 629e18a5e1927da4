"""manage.py restore FILE: put a backup made by manage.py backup back, exactly (archive/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from archive import backups


class Command(BaseCommand):
    help = (
        "Restore a backup made by manage.py backup into this database, which must be empty (no tables) unless "
        "--replace is given. Everything comes back as it was, the search index included: no rebuild needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by manage.py backup")
        parser.add_argument(
            "--replace", action="store_true", help="drop everything in the database first (there is no undo)"
        )

    def handle(self, *args, file, replace=False, **options):
        try:
            kind = backups.restore(file, replace=replace)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {file} into the {kind} database.")
