"""Find dates the current EDTF rules refuse or whose derived bounds are out of date.

Rules tighten (open-ended intervals and unwordable forms are now refused), but
rows saved earlier keep their strings; pages show them as typed. This lists
them for editors with a link to each admin page, exits non-zero while any
remain (usable in a cron job or a deploy check), and with --fix recomputes
bounds that a still-valid string no longer matches.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from archive import dates
from archive.models import Event, Source

FIELDS = ("pk", "date_edtf", "date_earliest", "date_latest", "date_precision")


class Command(BaseCommand):
    help = "List events and sources whose stored date the EDTF rules refuse or whose bounds are stale."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="recompute stale bounds of valid dates")

    def handle(self, *args, fix=False, **options):
        invalid = stale = 0
        for model in (Event, Source):
            name = model._meta.verbose_name
            for pk, text, earliest, latest, precision in model.objects.order_by("pk").values_list(*FIELDS):
                url = reverse(f"admin:archive_{model._meta.model_name}_change", args=[pk])
                try:
                    parsed = dates.parse(text)
                except dates.InvalidEDTF as exc:
                    invalid += 1
                    self.stdout.write(f"{name} {pk}: “{text}” is refused: {exc} Edit it at {url}")
                    continue
                if (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision):
                    continue
                stale += 1
                if fix:
                    item = model.objects.get(pk=pk)
                    item._change_reason = "Date bounds recomputed (check_dates --fix)"
                    item.save()
                    self.stdout.write(f"{name} {pk}: bounds of “{text}” recomputed")
                else:
                    self.stdout.write(f"{name} {pk}: bounds of “{text}” are stale (run with --fix)")
        self.stdout.write(f"{invalid} refused, {stale} stale{' (fixed)' if fix and stale else ''}.")
        if invalid or (stale and not fix):
            raise CommandError(f"{invalid + (0 if fix else stale)} date(s) need attention.")
