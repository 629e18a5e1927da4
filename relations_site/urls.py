from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.admin import imports as admin_imports
from archive.sitemaps import SITEMAPS
from archive.views import site

from . import accounts

urlpatterns = [
    *accounts.urlpatterns,  # before admin/: the admin's login page links to admin_password_reset
    path("admin/import/", include(admin_imports.urlpatterns)),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("", include("archive.urls")),
]

handler404 = "archive.views.site.page_not_found"
handler500 = "archive.views.site.server_error"
