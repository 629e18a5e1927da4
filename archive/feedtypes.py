"""RSS and Atom writers that drop the control characters XML 1.0 cannot hold.

Django's XML writer refuses C0 control characters with an exception, so one pasted vertical tab in an
editor's title (or an imported summary) turned every feed listing that item into a 500. Requests with
control characters are refused at the edge (relations_site/middleware.py); stored text is cleaned here,
where it becomes XML. Tab, LF and CR are legal XML and kept.
"""

import re

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    if isinstance(value, str):
        return XML_FORBIDDEN.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(v) for v in value)
    return value


class _XMLSafe:
    def __init__(self, *args, **kwargs):
        super().__init__(*[xml_text(a) for a in args], **{k: xml_text(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*[xml_text(a) for a in args], **{k: xml_text(v) for k, v in kwargs.items()})


class SafeRss(_XMLSafe, Rss201rev2Feed):
    pass


class SafeAtom(_XMLSafe, Atom1Feed):
    pass
