"""What the import commands share: who is importing."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError


def importing_user(options, *permissions: str):
    """The --user account (recorded as submitter and in the history); only a dry run may go without one.

    The account must hold `permissions` (adding what the file brings), as in the admin: readers may not import.
    """
    if not options["user"]:
        if options["dry_run"]:
            return None
        raise CommandError("Say who imports: --user NAME (recorded as the submitter and in the history).")
    user = get_user_model().objects.filter(username=options["user"]).first()
    if user is None:
        raise CommandError(f"No user “{options['user']}”.")
    if not (user.is_active and user.has_perms(permissions)):
        needs = ", ".join(permissions)
        raise CommandError(f"“{user.get_username()}” may not import here (needs the permissions {needs}).")
    return user
