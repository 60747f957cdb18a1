"""Addresses of the news-by-e-mail pages (included under news-mail/)."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.signup_view, name="signup"),
    path("check-your-mail/", views.signup_done_view, name="signup_done"),
    path("confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
