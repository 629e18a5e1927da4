from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search over the archive's content: its own index tables, engines and write path."""

    name = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signals

        signals.connect()
