"""The search pipeline's rules, on whichever database runs the suite (SQLite or PostgreSQL).

Synonyms from the admin apply at once, typos are corrected from the content's
vocabulary (with or without pg_trgm), stop and question words never block a
result, partial matches rank, call-outs are searched, and only whole words
match (no fragments inside words).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory

from articles import search, search_index
from articles.models import SearchSynonym, SearchWord, Status
from articles.page_cache import page_key
from articles.synonyms import load_starter_synonyms, starter_synonyms
from tests.articles.factories import make_cause

pytestmark = pytest.mark.django_db

ADD_SYNONYM = "/admin/articles/searchsynonym/add/"


@pytest.fixture
def editor_client(db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    editor = Client()
    editor.force_login(user)
    return editor


@pytest.fixture
def pages():
    return {
        "intercourse": make_cause(
            name="Sexual intercourse", slug="intercourse", summary="The cervix can bleed.", body="After sex."
        ),
        "pid": make_cause(
            name="Pelvic inflammatory disease (PID)",
            slug="pid",
            summary="An infection.",
            body="Rapid treatment with antibiotics helps.",
        ),
        "ectopic": make_cause(
            name="Ectopic pregnancy",
            slug="ectopic",
            summary="A pregnancy outside the womb.",
            body="It needs help.",
            emergency_advice="- you have pain in the tip of your shoulder",
        ),
    }


def urls(query):
    return [result.url for result in search.search(query)]


def test_a_synonym_added_in_the_admin_applies_to_the_next_search_even_when_it_was_cached(
    client, editor_client, pages
):
    assert "No results for “canoodling”" in client.get("/search/", {"q": "canoodling"}).content.decode()
    assert client.get("/search/", {"q": "canoodling"}).status_code == 200
    stored_key = page_key(RequestFactory().get("/search/", {"q": "canoodling"}))
    assert cache.get(stored_key) is not None, "the search page was stored"
    response = editor_client.post(ADD_SYNONYM, {"term": "Canoodling", "meaning": "intercourse, sex"})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().term == "canoodling"
    html = client.get("/search/", {"q": "canoodling"}).content.decode()
    assert '<a href="/causes/intercourse/">Sexual intercourse</a>' in html


def test_a_synonym_changed_or_deleted_in_the_admin_applies_at_once(client, editor_client, pages):
    synonym = SearchSynonym.objects.create(term="lovemaking", meaning="intercourse")
    assert "/causes/intercourse/" in client.get("/search/", {"q": "lovemaking"}).content.decode()
    editor_client.post(
        f"/admin/articles/searchsynonym/{synonym.pk}/change/",
        {"term": "lovemaking", "meaning": "antibiotics"},
    )
    html = client.get("/search/", {"q": "lovemaking"}).content.decode()
    assert "/causes/pid/" in html and "/causes/intercourse/" not in html
    editor_client.post(f"/admin/articles/searchsynonym/{synonym.pk}/delete/", {"post": "yes"})
    assert "No results for" in client.get("/search/", {"q": "lovemaking"}).content.decode()


def test_the_admin_explains_a_meaning_without_words_and_a_duplicate_term(editor_client, db):
    SearchSynonym.objects.create(term="a&e", meaning="emergency department")
    response = editor_client.post(ADD_SYNONYM, {"term": "A&E", "meaning": "the"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter at least one word the site uses" in html
    response = editor_client.post(
        "/admin/articles/searchsynonym/add/", {"term": "A&E", "meaning": "hospital"}
    )
    assert "already exists" in response.content.decode()


def test_a_misspelt_word_is_corrected_and_the_page_says_what_it_searched(client, pages):
    html = client.get("/search/", {"q": "ectopik"}).content.decode()
    assert "Showing results for “<strong>ectopic</strong>”" in html
    assert '<a href="/causes/ectopic/">Ectopic pregnancy</a>' in html


def test_typos_are_corrected_without_pg_trgm_too(pages, monkeypatch):
    monkeypatch.setattr(search_index, "has_trigrams", lambda: False)
    outcome = search.find("pelvik inflamatory")
    assert outcome.corrected_query == "pelvic inflammatory"
    assert outcome.results[0].url == "/causes/pid/"


def test_only_words_that_match_nothing_are_corrected(pages):
    outcome = search.find("pregnancy shoulder")
    assert outcome.corrected_query == ""
    assert outcome.results[0].url == "/causes/ectopic/"


def test_stop_words_and_question_words_never_block_results(pages):
    assert urls("why am I having an ectopic pregnancy and what should I do")[0] == "/causes/ectopic/"


def test_pages_matching_most_words_come_back_ranked_when_not_every_word_matches(pages):
    found = urls("ectopic pregnancy zebra")
    assert found[0] == "/causes/ectopic/"


def test_care_card_call_outs_are_searched(pages):
    assert urls("shoulder") == ["/causes/ectopic/"]


def test_only_whole_words_match_never_fragments_inside_words(pages):
    # "pid" is also inside "rapid", "flamm" inside "inflammatory", "rap" inside "rapid".
    assert urls("pid") == ["/causes/pid/"]
    assert urls("flamm") == []
    assert urls("rap") == []
    assert urls("inflammatory") == ["/causes/pid/"]


def test_a_word_typed_as_the_start_of_a_longer_one_is_found_when_nothing_else_matches(pages):
    assert urls("antibio") == ["/causes/pid/"]


def test_snippets_mark_whole_words_only(pages):
    [result] = search.search("rapid")
    assert "<mark>Rapid</mark>" in str(result.snippet)
    [result] = search.search("pid")
    assert "<mark>" not in str(result.snippet)


def test_published_content_adds_its_words_to_the_vocabulary_and_drafts_do_not(db):
    make_cause(name="Zygomorphic growths", body="Quixotic.")
    make_cause(name="Draft", body="Xylophonic.", status=Status.DRAFT)
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"zygomorphic", "growths", "quixotic"} <= words
    assert "xylophonic" not in words


def test_rebuilding_the_vocabulary_drops_words_no_page_uses(db):
    cause = make_cause(name="Zygomorphic", body="Quixotic.")
    cause.body = "Plain."
    cause.save()
    call_command("rebuild_search_vocabulary", verbosity=0)
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert "quixotic" not in words and "zygomorphic" in words


def test_the_starter_synonyms_load_once_and_an_editors_deletion_sticks(db):
    assert load_starter_synonyms() == len(starter_synonyms())
    SearchSynonym.objects.filter(term="a&e").delete()
    assert load_starter_synonyms() == 0
    assert not SearchSynonym.objects.filter(term="a&e").exists()


def test_every_starter_synonym_has_a_term_and_a_meaning_with_words():
    for entry in starter_synonyms():
        assert search.normalise(entry["term"]), entry
        assert search.synonym_meanings(entry["meaning"]), entry


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("ectopik", ["ectopic", "ectropion"], "ectopic"),
        ("fibriods", ["fibroids", "fibres"], "fibroids"),
        ("progestrone", ["progesterone", "progress"], "progesterone"),
        ("pain", ["rain", "pail", "gain"], "pail"),
        ("zebra", ["zygote"], None),
    ],
)
def test_the_closest_vocabulary_word_is_chosen_by_edit_distance(word, candidates, expected):
    assert search.closest_word(word, candidates) == expected


def test_normalising_folds_case_accents_and_apostrophes_and_keeps_a_and_e():
    assert search.normalise("  Progestérone?  A&E — can't ") == "progesterone a&e cant"


def test_a_and_e_is_one_term_through_the_search_page(client, db):
    SearchSynonym.objects.create(term="A&E", meaning="emergency department")
    make_cause(
        name="Heavy bleeding", slug="heavy", summary="Soaking pads.", body="Go to the emergency department."
    )
    html = client.get("/search/", {"q": "When should I go to A&E?"}).content.decode()
    assert '<a href="/causes/heavy/">Heavy bleeding</a>' in html


def test_random_text_in_any_script_never_breaks_the_full_text_query(client, pages):
    import random

    rng = random.Random(17)
    alphabet = (
        "abcdefghijklmnopqrstuvwxyzÉéüßøłıİ0123456789 &|!():*<->'\"{}[]^~+-_.,;?/\\%$#@`"
        "ÿ̶♀月経кровотечение ١٢٣ שלום ½ⅷﬁ\u00a0\u0301\u200b"
    )
    for _ in range(150):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
