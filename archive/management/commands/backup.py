"""manage.py backup FILE: a consistent copy of the whole database, taken while the site runs (archive/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from archive import backups


class Command(BaseCommand):
    help = (
        "Back up the whole database (content, accounts, audit trail, search index) to FILE: pg_dump's custom "
        "format on PostgreSQL, SQLite's online backup API on SQLite. Safe on a live site. "
        "Restore with manage.py restore FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup (replaced atomically if it exists)")

    def handle(self, *args, file, **options):
        try:
            kind = backups.backup(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {kind} database to {file}.")
