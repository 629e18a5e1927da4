"""A WSGI worker compiles the site's templates and imports the views before its first request."""

from django.template import engines
from django.urls import clear_url_caches, get_resolver

from relations_site import warmup


def test_every_site_template_is_compiled_and_the_urlconf_loaded(db):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    clear_url_caches()
    assert "url_patterns" not in vars(get_resolver()) and not get_resolver()._populated
    compiled = warmup.warm()
    names = warmup.site_templates()
    assert "base.html" in names and any(n.startswith("archive/") for n in names)
    assert compiled == len(names)  # every one compiles: none is broken
    cached = {key.split("-")[0] for key in loader.get_template_cache}
    assert set(names) <= cached
    assert "url_patterns" in vars(get_resolver()) and get_resolver()._populated
