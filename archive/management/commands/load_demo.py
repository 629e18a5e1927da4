"""Fill the archive with the demo corpus from the seed documents. Safe to run again."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from archive.citations.sync import sync_body_citations
from archive.demo import data
from archive.models import (
    Actor,
    ActorAlias,
    Citation,
    Commentary,
    CommentaryAuthor,
    Event,
    Person,
    Source,
    SourceCreator,
    Tag,
)
from archive.roles import EDITORS, MODERATORS, setup_roles

DEMO_EDITOR = ("editor", "relations-demo")
DEMO_MODERATOR = ("moderator", "relations-demo")


class Command(BaseCommand):
    help = "Load the demo archive (Belarus–Russia relations) from the seed facts. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create the demo editor and moderator accounts (only allowed with DEBUG on).",
        )

    def handle(self, *args, with_demo_users=False, **options):
        if with_demo_users and not settings.DEBUG:
            raise CommandError("Demo accounts are only created on a development (DEBUG) site.")
        with transaction.atomic():
            actors = self._actors()
            people = self._people()
            tags = self._tags()
            sources = self._sources(actors, people)
            events = self._events(actors, tags, sources)
            self._commentary(actors, people, tags, sources, events)
        counts = {m.__name__: m.objects.count() for m in (Actor, Source, Event, Commentary, Citation, Tag)}
        self.stdout.write("Demo archive loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        if with_demo_users:
            self._demo_users()

    def _actors(self):
        actors = {}
        for slug, kind, name, wikidata, _country, aliases in data.ACTORS:
            actor, _ = Actor.objects.update_or_create(
                slug=slug, defaults={"kind": kind, "name": name, "wikidata_id": wikidata}
            )
            for alias, language in aliases:
                ActorAlias.objects.update_or_create(actor=actor, name=alias, defaults={"language": language})
            actors[slug] = actor
        for slug, _kind, _name, _wikidata, country, _aliases in data.ACTORS:
            if country:
                Actor.objects.filter(slug=slug).update(country=actors[country])
        return actors

    def _people(self):
        return {
            slug: Person.objects.update_or_create(
                slug=slug, defaults={"given_name": given, "family_name": family, "affiliation": affiliation}
            )[0]
            for slug, given, family, affiliation in data.PEOPLE
        }

    def _tags(self):
        return {
            slug: Tag.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})[0]
            for name, slug, description in data.TAGS
        }

    def _sources(self, actors, people):
        sources = {}
        now = timezone.now()
        for spec in data.SOURCES:
            spec = dict(spec)
            creators = spec.pop("creators", [])
            country = spec.pop("country", None)
            part_of = spec.pop("part_of", None)
            key = spec.pop("citation_key")
            source, _ = Source.objects.update_or_create(
                citation_key=key,
                defaults={
                    **spec,
                    "country_of_origin": actors.get(country),
                    "part_of": sources.get(part_of),
                    "status": Source.Status.APPROVED,
                    "reviewed_at": now,
                },
            )
            source.creators.all().delete()
            for order, creator in enumerate(creators):
                creator = dict(creator)
                person = people.get(creator.pop("person", None))
                SourceCreator.objects.create(source=source, order=order, person=person, **creator)
            sources[key] = source
        return sources

    def _events(self, actors, tags, sources):
        events = {}
        publish_at = timezone.make_aware(dt.datetime(2026, 1, 1))
        for slug, title, edtf, kind, actor_slugs, tag_slugs, summary, body in data.EVENTS:
            event, _ = Event.objects.update_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "date_edtf": edtf,
                    "event_type": kind,
                    "summary": summary,
                    "body": body,
                    "status": "published",
                    "publish_at": publish_at,
                },
            )
            event.actors.set([actors[a] for a in actor_slugs])
            event.tags.set([tags[t] for t in tag_slugs])
            for order, (key, locator) in enumerate(data.EVENT_CITATIONS.get(slug, [])):
                Citation.objects.update_or_create(
                    event=event, source=sources[key], locator=locator, defaults={"order": order}
                )
            sync_body_citations(event)
            events[slug] = event
        return events

    def _commentary(self, actors, people, tags, sources, events):
        spec = data.COMMENTARY
        commentary, _ = Commentary.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "standfirst": spec["standfirst"],
                "body": spec["body"],
                "published_on": dt.date.fromisoformat(spec["published_on"]),
                "original_publication": sources[spec["original"]],
                "status": "published",
                "publish_at": timezone.make_aware(dt.datetime(2026, 1, 1)),
            },
        )
        person_slug, affiliation = spec["author"]
        CommentaryAuthor.objects.update_or_create(
            commentary=commentary, person=people[person_slug], defaults={"affiliation": affiliation, "order": 0}
        )
        commentary.tags.set([tags[t] for t in spec["tags"]])
        commentary.actors.set([actors[a] for a in spec["actors"]])
        commentary.related_events.set([events[e] for e in spec["related_events"]])
        sync_body_citations(commentary)

    def _demo_users(self):
        """One account per role; each holds exactly its group's permissions."""
        setup_roles()
        for (username, password), group in ((DEMO_EDITOR, EDITORS), (DEMO_MODERATOR, MODERATORS)):
            user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_password(password)
                user.save()
            user.user_permissions.clear()
            user.groups.set([Group.objects.get(name=group)])
            self.stdout.write(
                f"Demo {group[:-1].lower()}: log in at /admin/ as “{username}” with password “{password}”."
            )
