import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "relations_site.settings")
application = get_wsgi_application()

# Unless turned off (WARM_UP=0), each worker imports the views and compiles the templates now, not on a reader's
# first request (relations_site/warmup.py).
if os.environ.get("WARM_UP", "1") != "0":
    from relations_site.warmup import warm

    warm()
