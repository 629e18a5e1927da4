"""Authors: one page per person with the commentary they wrote and the sources they wrote or edited."""

from django.shortcuts import get_object_or_404

from archive import prefetch, public
from archive.visibility import visible_commentary, visible_people, visible_sources

from .kept import render_kept


def person_detail(request, slug):
    def build():
        person = get_object_or_404(visible_people(request), slug=slug)
        commentaries = public.first_of(prefetch.commentary_for_list(visible_commentary(request).filter(authors=person)))
        sources = public.sources_by(person, visible_sources(request))
        return {"person": person, "commentaries": commentaries, "sources": sources}, {"title": person.full_name}

    return render_kept(request, "archive/person_detail.html", build)
