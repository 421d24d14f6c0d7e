"""Review dates: the review_report command's output and exit codes, and the admin dashboard."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Cause

pytestmark = pytest.mark.django_db


def make_article(slug, due):
    return Article.objects.create(title=f"Article {slug}", slug=slug, standfirst="s", next_review_due=due)


def make_cause(slug, due):
    return Cause.objects.create(name=f"Cause {slug}", slug=slug, summary="s", next_review_due=due)


def run_report(capsys):
    try:
        call_command("review_report")
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, capsys.readouterr().out


def test_report_exits_0_and_says_so_when_nothing_is_due(capsys):
    make_article("later", timezone.localdate() + datetime.timedelta(days=200))
    code, out = run_report(capsys)
    assert code == 0
    assert "Nothing is overdue" in out


def test_report_lists_due_soon_and_exits_0_when_nothing_is_overdue(capsys):
    make_cause("soon", timezone.localdate() + datetime.timedelta(days=10))
    make_article("far", timezone.localdate() + datetime.timedelta(days=31))
    code, out = run_report(capsys)
    assert code == 0
    assert "due soon" in out and "Cause soon" in out
    assert "Article far" not in out


def test_report_exits_1_when_anything_is_overdue(capsys):
    make_article("old", timezone.localdate() - datetime.timedelta(days=1))
    make_cause("soon", timezone.localdate() + datetime.timedelta(days=5))
    code, out = run_report(capsys)
    assert code == 1
    assert "overdue" in out and "Article old" in out
    assert "1 overdue, 1 due within 30 days." in out


def test_draft_revisions_are_not_reported_twice(capsys):
    live = make_article("live", timezone.localdate() - datetime.timedelta(days=3))
    Article.objects.create(
        title="Article live", slug="live", standfirst="s", next_review_due=live.next_review_due, draft_of=live
    )
    _, out = run_report(capsys)
    assert out.count("Article live") == 1


def test_admin_index_shows_the_review_dashboard(client):
    make_article("old", timezone.localdate() - datetime.timedelta(days=1))
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert 'id="review-dashboard"' in html
    assert "Article old" in html and "Overdue" in html


def test_review_due_list_filter_uses_the_same_definition_as_the_report(client):
    from editorial.review import DUE_SOON_DAYS

    today = timezone.localdate()
    make_article("overdue", today - datetime.timedelta(days=1))
    make_article("edge", today + datetime.timedelta(days=DUE_SOON_DAYS))
    make_article("later", today + datetime.timedelta(days=DUE_SOON_DAYS + 1))
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(admin)
    html = client.get("/admin/articles/article/?review_due=due").content.decode()
    assert "Article overdue" in html and "Article edge" in html and "Article later" not in html


def test_report_exits_2_when_it_cannot_run(capsys, monkeypatch):
    from django.db import OperationalError

    def broken():
        raise OperationalError("no such table: articles_article")

    monkeypatch.setattr("editorial.management.commands.review_report.review_items", broken)
    with pytest.raises(SystemExit) as exit_:
        call_command("review_report")
    assert exit_.value.code == 2
    assert "could not run" in capsys.readouterr().err
