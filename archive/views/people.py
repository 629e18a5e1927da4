"""Authors: one page per person with the commentary they wrote."""

from django.shortcuts import get_object_or_404, render

from archive import public
from archive.models import Person

from .visibility import visible_commentary


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    commentaries = public.commentary_for_list(visible_commentary(request).filter(authors=person))
    return render(request, "archive/person_detail.html", {"person": person, "commentaries": commentaries})
