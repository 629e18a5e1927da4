from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup_roles(sender, using="default", **kwargs):
    from .roles import setup_roles

    setup_roles(using=using)


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # After archive's own permissions are created (auth's handler is connected first).
        post_migrate.connect(_setup_roles, sender=self, dispatch_uid="archive.setup_roles")
