from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from archive.admin import imports as admin_imports
from archive.sitemaps import SITEMAPS
from archive.views import site
from archive.views.kept import kept_response

from . import accounts

urlpatterns = [
    *accounts.urlpatterns,  # before admin/: the admin's login page links to admin_password_reset
    path("admin/import/", include(admin_imports.urlpatterns)),
    path("admin/", admin.site.urls),
    # Sitemaps are the same for every viewer: kept whole under the content version (archive/views/kept.py).
    path(
        "sitemap.xml",
        kept_response(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", kept_response(sitemaps.sitemap), {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("", include("archive.urls")),
]

handler404 = "archive.views.site.page_not_found"
handler500 = "archive.views.site.server_error"
