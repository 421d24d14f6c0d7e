"""Public URLs for the triage form."""

from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("", views.triage_form, name="form"),
]
