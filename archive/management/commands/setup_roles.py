"""Create or reset the Editors and Moderators groups. Safe to run again."""

from django.core.management.base import BaseCommand

from archive.roles import setup_roles


class Command(BaseCommand):
    help = "Create or reset the Editors and Moderators groups with exactly their permissions."

    def handle(self, *args, **options):
        for name, count in setup_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
