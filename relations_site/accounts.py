"""Staff password reset by e-mail, with Django's own views and the admin's templates.

Only staff accounts can be reset (readers have none; a stray non-staff account must not get a link), and
the form answers the same whether or not the address belongs to anyone, so it reveals no accounts.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import path, reverse_lazy


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (the admin's, the browser's).

    A login without a request (the test client's login(), a shell) has no client address to throttle;
    django-axes would raise there, so it passes on to the model backend instead. Every login form in the
    site goes through a request, so nothing a visitor can reach skips the check.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class StaffPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


urlpatterns = [
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=StaffPasswordResetForm,
            success_url=reverse_lazy("password_reset_done"),
            extra_context={"site_header": "Relations Archive — editors"},
        ),
        name="admin_password_reset",
    ),
    path("admin/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
