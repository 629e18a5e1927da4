"""Tags: the index with counts of public items, and one page per tag with its latest items by type."""

from django.shortcuts import get_object_or_404, redirect, render

from archive import memo, prefetch, public
from archive.models import TagRedirect
from archive.visibility import visible_commentary, visible_events, visible_tags


def tag_index(request):
    tags = public.tags_with_counts(request)
    return render(request, "archive/tag_index.html", {"tags": tags})


def tag_detail(request, slug):
    tag = visible_tags(request).filter(slug=slug).first()
    if tag is None:  # renamed, or not public: an old slug must not reveal a hidden tag's new name
        renamed = TagRedirect.objects.select_related("tag").filter(tag__in=visible_tags(request))
        moved = get_object_or_404(renamed, old_slug=slug)
        return redirect(moved.tag, permanent=True)
    return render(
        request,
        "archive/tag_detail.html",
        {
            "tag": tag,
            # The tag's latest events: a join and a sort over every event with the tag (26 ms for 4,900 of
            # 94,000 events), kept under the content version (archive/memo.py).
            "events": memo.remember(
                request,
                ("tag events", tag.pk),
                lambda: public.first_of(
                    prefetch.events_for_cards(visible_events(request).filter(tags=tag)).order_by(
                        "-date_earliest", "title"
                    )
                ),
            ),
            "commentaries": public.first_of(prefetch.commentary_for_list(visible_commentary(request).filter(tags=tag))),
        },
    )
